import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { formatFen, yuanInputToFen, type Fen } from '@weshop/shared';
import { fenToYuanInput } from '../../../../../utils/distribution';
import { maxWithdrawal, withdrawAmountError, withdrawBlockedReason, type WithdrawRules } from '../../withdrawal-rules';
import './index.scss';

export interface WithdrawFormProps {
  rules: WithdrawRules;
  reviewRequired: boolean;
  busy?: boolean;
  /** Called with a valid amount in fen only. */
  onSubmit: (amount: Fen) => void;
}

/** 提现金额 with the limits the server stated; the error shows once something is typed (or on submit). */
export function WithdrawForm({ rules, reviewRequired, busy, onSubmit }: WithdrawFormProps) {
  const [amount, setAmount] = useState('');
  const [tried, setTried] = useState(false);
  const blocked = withdrawBlockedReason(rules);
  const error = amount.trim() !== '' || tried ? withdrawAmountError(amount, rules) : null;

  const submit = () => {
    if (busy || blocked) return;
    setTried(true);
    const fen = yuanInputToFen(amount);
    if (withdrawAmountError(amount, rules) !== null || fen === null) return;
    onSubmit(fen);
  };

  return (
    <View className="withdraw-form">
      <Text className="withdraw-form__label">提现金额</Text>
      <View className="withdraw-form__row">
        <Text className="withdraw-form__symbol">¥</Text>
        <Input
          className="withdraw-form__amount"
          type="digit"
          value={amount}
          placeholder={blocked ?? `最多 ${formatFen(maxWithdrawal(rules), { symbol: false })}`}
          disabled={Boolean(blocked) || undefined}
          onInput={(e) => setAmount(e.detail.value)}
        />
        {!blocked ? (
          <Text className="withdraw-form__all" onClick={() => setAmount(fenToYuanInput(maxWithdrawal(rules)))}>
            全部
          </Text>
        ) : null}
      </View>
      {error ? <Text className="withdraw-form__error">{error}</Text> : null}
      <Text className="withdraw-form__hint">
        可提现 {formatFen(rules.withdrawable)} · 单笔最低 {formatFen(rules.minAmount)} · 单日最多{' '}
        {formatFen(rules.dailyCap)}
        {reviewRequired ? ' · 需店铺审核' : ''}
      </Text>
      <Button
        className="dist-button withdraw-form__submit"
        disabled={Boolean(blocked) || busy || undefined}
        onClick={submit}
      >
        {blocked ?? '提现到微信零钱'}
      </Button>
    </View>
  );
}
