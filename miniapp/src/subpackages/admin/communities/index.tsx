import { useState } from 'react';
import { Button, Image, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { CommunityCreateRequest, ManagerAssignRequest, type CommunityView } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { assignManager, createCommunity, listAdminCommunities, uploadMedia } from '../../../api/community';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { assetUrl } from '../../../config';
import { usePaged } from '../../../hooks/use-paged';
import { countText } from '../../../utils/community';
import { toCommunity, toCommunityConsole } from '../../../utils/community-route';
import { formatTime } from '../../../utils/order-status';
import { AdminGate } from '../components/admin-gate';
import './index.scss';

/** 新建社群: name (required), cover (uploaded), intro and a first announcement. */
function CreateForm({ onCreated, onCancel }: { onCreated: () => void; onCancel: () => void }) {
  const [form, setForm] = useState({ name: '', cover: '', intro: '', announcement: '' });
  const [busy, setBusy] = useState(false);
  const chooseCover = async () => {
    try {
      const sourceType: Array<'album' | 'camera'> = process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera'];
      const chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType });
      setBusy(true);
      const uploaded = await uploadMedia(chosen.tempFilePaths[0], 'image');
      setForm((f) => ({ ...f, cover: uploaded.url }));
    } catch (e) {
      if (!/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? '')))
        void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    const body = CommunityCreateRequest.safeParse(form);
    if (!body.success) {
      const field = String(body.error.issues[0]?.path[0] ?? '');
      const title =
        field === 'name' ? (form.name.trim() ? '社群名称最多 32 字' : '请填写社群名称') : '请检查填写的内容';
      return void Taro.showToast({ title, icon: 'none' });
    }
    if (busy) return;
    setBusy(true);
    try {
      await createCommunity(body.data);
      void Taro.showToast({ title: '已创建', icon: 'success' });
      onCreated();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="admin-card community-create">
      <Text className="admin-card__title">新建社群</Text>
      <Input
        className="admin-input community-create__name"
        value={form.name}
        maxlength={32}
        placeholder="社群名称（必填）"
        onInput={(e) => setForm({ ...form, name: e.detail.value })}
      />
      <Input
        className="admin-input community-create__intro"
        value={form.intro}
        maxlength={500}
        placeholder="一句话介绍"
        onInput={(e) => setForm({ ...form, intro: e.detail.value })}
      />
      <Textarea
        className="community-create__announcement"
        value={form.announcement}
        maxlength={1000}
        placeholder="公告（选填）"
        onInput={(e) => setForm({ ...form, announcement: e.detail.value })}
      />
      <View className="community-create__cover-row">
        {form.cover ? <Image className="community-create__cover" src={assetUrl(form.cover)} mode="aspectFill" /> : null}
        <Text className="community-create__choose" onClick={() => void chooseCover()}>
          {form.cover ? '更换封面' : '+ 上传封面'}
        </Text>
      </View>
      <View className="admin-actions">
        <Button className="admin-button" onClick={onCancel}>
          取消
        </Button>
        <Button
          className="admin-button admin-button--primary community-create__submit"
          disabled={busy || undefined}
          onClick={() => void submit()}
        >
          创建
        </Button>
      </View>
    </View>
  );
}

/** One community: figures, 设为主理人 by user id, and the way to its page and console. */
function CommunityCard({ community, onChanged }: { community: CommunityView; onChanged: () => void }) {
  const [userId, setUserId] = useState('');
  const [busy, setBusy] = useState(false);
  const assign = async () => {
    const body = ManagerAssignRequest.safeParse({ userId: userId.trim() });
    if (!body.success) return void Taro.showToast({ title: '请输入用户 ID（数字）', icon: 'none' });
    if (busy) return;
    setBusy(true);
    try {
      await assignManager(community.id, body.data.userId);
      setUserId('');
      void Taro.showToast({ title: '已设为主理人', icon: 'success' });
      onChanged();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="admin-card admin-community" data-id={community.id}>
      <View className="admin-card__head">
        <Text>社群 {community.id}</Text>
        <Text>{formatTime(community.createdAt)}</Text>
      </View>
      <Text className="admin-card__title">{community.name}</Text>
      <Text className="admin-card__row">
        {countText(community.memberCount)} 成员 · {countText(community.postCount)} 帖子
      </Text>
      <View className="admin-community__assign">
        <Input
          className="admin-input admin-community__user"
          type="number"
          value={userId}
          placeholder="用户 ID"
          onInput={(e) => setUserId(e.detail.value)}
        />
        <Button
          className="admin-button admin-community__assign-button"
          disabled={busy || undefined}
          onClick={() => void assign()}
        >
          设为主理人
        </Button>
      </View>
      <View className="admin-actions">
        <Button className="admin-button" onClick={() => toCommunity(community.id)}>
          社群主页
        </Button>
        <Button
          className="admin-button admin-button--primary admin-community__console"
          onClick={() => toCommunityConsole(community.id)}
        >
          管理
        </Button>
      </View>
    </View>
  );
}

/** The shop's 社群管理: every community, 新建社群, and appointing managers. */
export default function AdminCommunitiesPage() {
  const [creating, setCreating] = useState(false);
  const [generation, setGeneration] = useState(0);
  const { items, status, error, loadMore } = usePaged((page) => listAdminCommunities(page), String(generation));
  useReachBottom(loadMore);
  const reload = () => setGeneration((g) => g + 1);
  return (
    <AdminGate>
      {creating ? (
        <CreateForm
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            reload();
          }}
        />
      ) : (
        <View className="admin-actions admin-communities__new">
          <Button
            className="admin-button admin-button--primary admin-communities__create"
            onClick={() => setCreating(true)}
          >
            新建社群
          </Button>
        </View>
      )}
      {status === 'done' && items.length === 0 ? <Empty text="还没有社群" /> : null}
      {status === 'error' && items.length === 0 ? <Empty text={error ?? '加载失败'} /> : null}
      {items.map((c) => (
        <CommunityCard key={c.id} community={c} onChanged={reload} />
      ))}
      {items.length > 0 ? <LoadMore status={status} error={error} onLoadMore={loadMore} /> : null}
    </AdminGate>
  );
}
