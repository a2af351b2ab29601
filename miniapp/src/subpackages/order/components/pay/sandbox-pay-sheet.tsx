import { Button, Text, View } from '@tarojs/components';
import { formatFen, type Fen } from '@weshop/shared';
import './index.scss';

interface SandboxPaySheetProps {
  payable: Fen;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** h5 stand-in for WeChat's pay sheet: it tells the WeChat sandbox to pay (development and tests only). */
export function SandboxPaySheet({ payable, busy, onConfirm, onCancel }: SandboxPaySheetProps) {
  return (
    <View className="sandbox-pay">
      <View className="sandbox-pay__panel">
        <Text className="sandbox-pay__title">模拟支付 (sandbox)</Text>
        <Text className="sandbox-pay__amount">{formatFen(payable)}</Text>
        <Text className="sandbox-pay__hint">这是本地微信沙箱，不会产生真实扣款</Text>
        <Button className="sandbox-pay__confirm" disabled={busy || undefined} onClick={onConfirm}>
          确认支付
        </Button>
        <Button className="sandbox-pay__cancel" disabled={busy || undefined} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}
