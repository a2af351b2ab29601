import { useEffect, useRef, useState, type ReactElement } from 'react';
import Taro from '@tarojs/taro';
import type { Fen, WithdrawalView } from '@weshop/shared';
import { ApiError, errorMessage } from '../../../api/client';
import { getWithdrawal, requestWithdrawal, sandboxConfirmTransfer } from '../../../api/distribution';
import { getSandboxInfo } from '../../../api/orders';
import { newIdempotencyKey } from '../../../utils/idempotency';
import { SandboxTransferSheet } from '../components/sandbox-transfer-sheet';
import { requestMerchantTransfer } from './merchant-transfer';
import { isFinalWithdrawal, withdrawalPhase } from './withdrawal-rules';

/** How often and how long to ask the server where a withdrawal stands. */
const POLL_MS = 1000;
const POLL_TRIES = 30;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface SandboxPending {
  withdrawal: WithdrawalView;
  sandboxUrl: string;
}

/**
 * 提现: sends the request with an `Idempotency-Key` (one per intent: the same amount retried keeps
 * it), follows the withdrawal while the server pays it, asks the user to confirm receipt
 * (wx.requestMerchantTransfer in weapp, the sandbox sheet in h5) and waits for PAID or FAILED.
 * The client's "confirmed" is not proof: only the server's status is shown as the outcome.
 */
export function useWithdrawal(onChanged: () => void): {
  current: WithdrawalView | null;
  busy: boolean;
  submit: (amount: Fen) => Promise<void>;
  resume: (id: string) => Promise<void>;
  sheet: ReactElement | null;
} {
  const [current, setCurrent] = useState<WithdrawalView | null>(null);
  const [pending, setPending] = useState<SandboxPending | null>(null);
  const [busy, setBusy] = useState(false);
  const intent = useRef<{ amount: Fen; key: string } | null>(null);
  const alive = useRef(true);
  const changed = useRef(onChanged);
  changed.current = onChanged;
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  /** Asks the server until `done` holds or the tries run out; the last answer (or null). */
  const poll = async (id: string, done: (w: WithdrawalView) => boolean): Promise<WithdrawalView | null> => {
    let last: WithdrawalView | null = null;
    for (let i = 0; i < POLL_TRIES && alive.current; i += 1) {
      try {
        last = await getWithdrawal(id);
        setCurrent(last);
        if (done(last)) return last;
      } catch {
        // A failed poll is one more try.
      }
      await sleep(POLL_MS);
    }
    return last;
  };

  const announce = (w: WithdrawalView | null) => {
    changed.current();
    if (!w) return;
    if (w.status === 'PAID') void Taro.showToast({ title: '提现成功', icon: 'success' });
    else if (w.status === 'FAILED' || w.status === 'REJECTED')
      void Taro.showToast({ title: w.failReason ?? '提现失败，金额已退回', icon: 'none' });
  };

  /** After the user confirmed (or the confirm page closed): wait for the server's final word. */
  const settle = async (w: WithdrawalView) => {
    const last = await poll(w.id, (v) => isFinalWithdrawal(v.status));
    announce(last);
  };

  const confirm = async (w: WithdrawalView) => {
    if (!w.confirm) return;
    if (process.env.TARO_ENV === 'h5') {
      const info = await getSandboxInfo().catch(() => null);
      if (!info) {
        void Taro.showToast({ title: '请在微信中打开以确认收款', icon: 'none' });
        return;
      }
      setPending({ withdrawal: w, sandboxUrl: info.sandboxUrl });
      return;
    }
    const outcome = await requestMerchantTransfer(w.confirm);
    if (outcome === 'unsupported') {
      void Taro.showModal({
        title: '无法确认收款',
        content: '请将微信升级到最新版本后，在提现记录中确认收款',
        showCancel: false,
      });
      return;
    }
    await settle(w);
  };

  /** Where the server has it now: paying → wait; confirm → ask the user; final → say so. */
  const follow = async (w: WithdrawalView) => {
    setCurrent(w);
    changed.current();
    let view = w;
    if (withdrawalPhase(view) === 'paying') {
      view = (await poll(view.id, (v) => withdrawalPhase(v) !== 'paying')) ?? view;
    }
    const phase = withdrawalPhase(view);
    if (phase === 'confirm') await confirm(view);
    else if (phase === 'review') void Taro.showToast({ title: '已提交，等待审核', icon: 'none' });
    else if (phase !== 'paying') announce(view);
  };

  const submit = async (amount: Fen) => {
    if (busy) return;
    setBusy(true);
    if (!intent.current || intent.current.amount !== amount) intent.current = { amount, key: newIdempotencyKey() };
    try {
      const w = await requestWithdrawal(amount, intent.current.key);
      intent.current = null;
      await follow(w);
    } catch (e) {
      // A refusal ends the intent (a new tap is a new request); no answer keeps the key for the retry.
      if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.code !== 'IDEMPOTENCY_KEY_IN_FLIGHT') {
        intent.current = null;
      }
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  /** 确认收款 from the list: a transfer still waiting for the user (its package stays valid 24 h). */
  const resume = async (id: string) => {
    if (busy) return;
    setBusy(true);
    try {
      await follow(await getWithdrawal(id));
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const confirmInSandbox = async () => {
    if (!pending?.withdrawal.confirm || busy) return;
    const { withdrawal, sandboxUrl } = pending;
    setBusy(true);
    try {
      await sandboxConfirmTransfer(sandboxUrl, withdrawal.outBillNo, withdrawal.confirm!);
      setPending(null);
      await settle(withdrawal);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const sheet = pending ? (
    <SandboxTransferSheet
      amount={pending.withdrawal.amount}
      busy={busy}
      onConfirm={() => void confirmInSandbox()}
      onCancel={() => {
        setPending(null);
        void Taro.showToast({ title: '可在提现记录中继续确认收款', icon: 'none' });
      }}
    />
  ) : null;

  return { current, busy, submit, resume, sheet };
}
