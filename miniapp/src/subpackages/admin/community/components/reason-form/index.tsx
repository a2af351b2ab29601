import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { POST_LIMITS, RejectPostRequest } from '@weshop/shared';

/** 驳回 a post with a reason the author sees (1 to reasonMax characters), or 返回. */
export function ReasonForm({ onSubmit, onBack }: { onSubmit: (reason: string) => void; onBack: () => void }) {
  const [reason, setReason] = useState('');
  const submit = () => {
    const body = RejectPostRequest.safeParse({ reason });
    if (!body.success) {
      void Taro.showToast({
        title: reason.trim() ? `原因最多 ${POST_LIMITS.reasonMax} 个字` : '请填写驳回原因',
        icon: 'none',
      });
      return;
    }
    onSubmit(body.data.reason);
  };
  return (
    <View className="admin-form reason-form">
      <Input
        className="admin-input reason-form__reason"
        value={reason}
        maxlength={POST_LIMITS.reasonMax}
        placeholder="驳回原因（作者可见）"
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className="admin-actions">
        <Button className="admin-button" onClick={onBack}>
          返回
        </Button>
        <Button className="admin-button admin-button--primary reason-form__submit" onClick={submit}>
          确认驳回
        </Button>
      </View>
    </View>
  );
}
