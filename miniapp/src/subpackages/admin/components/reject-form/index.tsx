import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { RejectRequest } from '@weshop/shared';

/** 驳回 with a reason (1-64 characters, the shared contract's RejectRequest), or 返回. */
export function RejectForm({ onReject, onBack }: { onReject: (reason: string) => void; onBack: () => void }) {
  const [reason, setReason] = useState('');
  const submit = () => {
    const body = RejectRequest.safeParse({ reason });
    if (!body.success) {
      void Taro.showToast({ title: reason.trim() ? '原因最多 64 个字' : '请填写驳回原因', icon: 'none' });
      return;
    }
    onReject(body.data.reason);
  };
  return (
    <View className="admin-form reject-form">
      <Input
        className="admin-input reject-form__reason"
        value={reason}
        maxlength={64}
        placeholder="驳回原因（对方可见）"
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className="admin-actions">
        <Button className="admin-button" onClick={onBack}>
          返回
        </Button>
        <Button className="admin-button admin-button--primary reject-form__submit" onClick={submit}>
          确认驳回
        </Button>
      </View>
    </View>
  );
}
