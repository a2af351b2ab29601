import { Button, Text, View } from '@tarojs/components';
import { formatFen, type Fen } from '@weshop/shared';
import './index.scss';

interface SandboxTransferSheetProps {
  amount: Fen;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** h5 stand-in for WeChat's 确认收款 page (wx.requestMerchantTransfer): it tells the WeChat sandbox the user confirmed. */
export function SandboxTransferSheet({ amount, busy, onConfirm, onCancel }: SandboxTransferSheetProps) {
  return (
    <View className="sandbox-transfer">
      <View className="sandbox-transfer__panel">
        <Text className="sandbox-transfer__title">确认收款 (sandbox)</Text>
        <Text className="sandbox-transfer__amount">{formatFen(amount)}</Text>
        <Text className="sandbox-transfer__hint">商家转账到微信零钱 · 这是本地微信沙箱，不会产生真实转账</Text>
        <Button className="sandbox-transfer__confirm" disabled={busy || undefined} onClick={onConfirm}>
          确认收款
        </Button>
        <Button className="sandbox-transfer__cancel" disabled={busy || undefined} onClick={onCancel}>
          稍后再说
        </Button>
      </View>
    </View>
  );
}
