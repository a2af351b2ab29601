import { useState } from 'react';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AnnouncementRequest, type CommunityShareView, type CommunityView } from '@weshop/shared';
import { errorMessage } from '../../../../../api/client';
import { getCommunityShare, setAnnouncement } from '../../../../../api/community';
import { formatTime } from '../../../../../utils/order-status';
import './index.scss';

const MAX = 1000;

/** 公告: edit (empty clears it), and the community's mini-program code to print or post in groups. */
export function Announcement({ community, onSaved }: { community: CommunityView; onSaved: () => void }) {
  const [text, setText] = useState(community.announcement);
  const [busy, setBusy] = useState(false);
  const [share, setShare] = useState<CommunityShareView | null>(null);

  const save = async () => {
    const body = AnnouncementRequest.safeParse({ announcement: text });
    if (!body.success) return void Taro.showToast({ title: `公告最多 ${MAX} 字`, icon: 'none' });
    if (busy) return;
    setBusy(true);
    try {
      await setAnnouncement(community.id, body.data.announcement);
      void Taro.showToast({ title: body.data.announcement ? '公告已发布' : '公告已清除', icon: 'success' });
      onSaved();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const showCode = () => {
    getCommunityShare(community.id)
      .then(setShare)
      .catch((e: unknown) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }));
  };

  return (
    <View className="community-announcement">
      <View className="admin-card">
        <Text className="admin-card__title">社群公告</Text>
        {community.announcementAt ? (
          <Text className="admin-card__row">上次更新 {formatTime(community.announcementAt)}</Text>
        ) : null}
        <Textarea
          className="community-announcement__text"
          value={text}
          maxlength={MAX}
          placeholder="写给全体成员的公告（留空则清除）"
          onInput={(e) => setText(e.detail.value)}
        />
        <Text className="community-announcement__count">
          {text.length}/{MAX}
        </Text>
        <View className="admin-actions">
          <Button
            className="admin-button admin-button--primary community-announcement__save"
            disabled={busy || undefined}
            onClick={() => void save()}
          >
            保存公告
          </Button>
        </View>
      </View>
      <View className="admin-card community-code">
        <Text className="admin-card__title">社群小程序码</Text>
        <Text className="admin-card__row">扫码进入社群主页并加入（来源记为小程序码）</Text>
        {share ? (
          <View className="community-code__body">
            <Image className="community-code__image" src={share.codeImage} mode="aspectFit" showMenuByLongpress />
            <Text className="admin-card__row community-code__scene">scene: {share.scene}</Text>
          </View>
        ) : (
          <View className="admin-actions">
            <Button className="admin-button community-code__show" onClick={showCode}>
              生成小程序码
            </Button>
          </View>
        )}
      </View>
    </View>
  );
}
