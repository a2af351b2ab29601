import { useState, type ReactElement } from 'react';
import Taro from '@tarojs/taro';
import type { Fen } from '@weshop/shared';
import { errorMessage } from '../../../../api/client';
import { getSandboxInfo, payOrder } from '../../../../api/orders';
import { prepayIdOf, sandboxPay } from '../../../../api/sandbox';
import { toPayResult } from '../../../../utils/route';
import { SandboxPaySheet } from './sandbox-pay-sheet';

interface SandboxPending {
  orderId: string;
  payable: Fen;
  prepayId: string;
  sandboxUrl: string;
}

/**
 * 支付: asks the server for the signed `wx.requestPayment` arguments, lets the shopper pay (WeChat's
 * sheet in weapp, the sandbox sheet in h5), then goes to the pay-result page, which waits for the
 * server: success in the client is not proof of payment.
 */
export function usePay(options: { onCancelled?: (orderId: string) => void } = {}): {
  pay: (orderId: string, payable: Fen) => Promise<void>;
  sheet: ReactElement | null;
} {
  const [pending, setPending] = useState<SandboxPending | null>(null);
  const [busy, setBusy] = useState(false);

  const pay = async (orderId: string, payable: Fen) => {
    let params;
    try {
      params = await payOrder(orderId);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
      return;
    }
    if (process.env.TARO_ENV === 'h5') {
      const info = await getSandboxInfo().catch(() => null);
      const prepayId = prepayIdOf(params.package);
      if (!info || !prepayId) {
        void Taro.showToast({ title: '请在微信中打开以完成支付', icon: 'none' });
        return;
      }
      setPending({ orderId, payable, prepayId, sandboxUrl: info.sandboxUrl });
      return;
    }
    try {
      await Taro.requestPayment({
        timeStamp: params.timeStamp,
        nonceStr: params.nonceStr,
        package: params.package,
        signType: params.signType,
        paySign: params.paySign,
      });
    } catch (e) {
      const message = (e as { errMsg?: string } | null)?.errMsg ?? '';
      void Taro.showToast({ title: message.includes('cancel') ? '已取消支付' : '支付未完成', icon: 'none' });
      options.onCancelled?.(orderId);
      return;
    }
    toPayResult(orderId);
  };

  const confirm = async () => {
    if (!pending || busy) return;
    setBusy(true);
    try {
      await sandboxPay(pending.sandboxUrl, pending.prepayId);
      toPayResult(pending.orderId);
      setPending(null);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    if (!pending) return;
    const { orderId } = pending;
    setPending(null);
    void Taro.showToast({ title: '已取消支付', icon: 'none' });
    options.onCancelled?.(orderId);
  };

  const sheet = pending ? (
    <SandboxPaySheet payable={pending.payable} busy={busy} onConfirm={() => void confirm()} onCancel={cancel} />
  ) : null;
  return { pay, sheet };
}
