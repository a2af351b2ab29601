import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { POST_LIMITS } from '@weshop/shared';
import type { ReplyTarget } from '../comment-list';
import './index.scss';

interface CommentBoxProps {
  replyTo: ReplyTarget | null;
  onCancelReply: () => void;
  /** Sends the text; resolves true when the server took it (the box then empties). */
  onSend: (text: string) => Promise<boolean>;
}

/** The bar at the bottom of a post: 写评论 or 回复 @someone (1 to commentMax characters). */
export function CommentBox({ replyTo, onCancelReply, onSend }: CommentBoxProps) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async () => {
    const trimmed = text.trim();
    if (!trimmed) return void Taro.showToast({ title: '请输入评论内容', icon: 'none' });
    if (trimmed.length > POST_LIMITS.commentMax)
      return void Taro.showToast({ title: `评论最多 ${POST_LIMITS.commentMax} 字`, icon: 'none' });
    if (busy) return;
    setBusy(true);
    try {
      if (await onSend(trimmed)) setText('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="comment-box">
      {replyTo ? (
        <View className="comment-box__replying">
          <Text>回复 @{replyTo.nickname}</Text>
          <Text className="comment-box__cancel" onClick={onCancelReply}>
            取消
          </Text>
        </View>
      ) : null}
      <View className="comment-box__row">
        <Input
          className="comment-box__input"
          value={text}
          maxlength={POST_LIMITS.commentMax}
          placeholder={replyTo ? `回复 @${replyTo.nickname}` : '说点什么…'}
          confirmType="send"
          onInput={(e) => setText(e.detail.value)}
          onConfirm={() => void send()}
        />
        <Button className="comment-box__send" disabled={busy || undefined} onClick={() => void send()}>
          发送
        </Button>
      </View>
    </View>
  );
}
