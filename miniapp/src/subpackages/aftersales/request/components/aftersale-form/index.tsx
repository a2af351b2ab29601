import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { yuanInputToFen, type AftersaleType, type Fen } from '@weshop/shared';
import './index.scss';

/** Reasons offered as chips; the buyer may add their own words. */
export const AFTERSALE_REASONS = ['不想要了', '商品质量问题', '与描述不符', '发错货', '少件/漏发', '其他'] as const;

export const AFTERSALE_TYPE_TEXT: Record<AftersaleType, string> = { REFUND: '仅退款', RETURN_REFUND: '退货退款' };

/** What the form hands to the page: the server decides whether it is allowed and how much. */
export interface AftersaleDraft {
  type: AftersaleType;
  amount: Fen;
  reason: string;
}

/**
 * A yuan amount typed by the buyer; `yuanInputToFen` turns it into fen (null when it is not an
 * amount with at most two decimals). Shows the error under the field while it is invalid.
 */
export function AmountInput({ value, onInput }: { value: string; onInput: (value: string) => void }) {
  const invalid = value.trim() !== '' && !isRefundAmount(value);
  return (
    <View className="amount-input">
      <View className="amount-input__row">
        <Text className="amount-input__symbol">¥</Text>
        <Input
          className="amount-input__field"
          type="digit"
          value={value}
          placeholder="退款金额"
          onInput={(e) => onInput(e.detail.value)}
        />
      </View>
      {invalid ? <Text className="amount-input__error">请输入正确的金额（最多两位小数）</Text> : null}
    </View>
  );
}

/** A positive yuan amount with at most two decimals. */
function isRefundAmount(value: string): boolean {
  const fen = yuanInputToFen(value);
  return fen !== null && fen > 0;
}

export interface AftersaleFormProps {
  /** Types the order allows (退货退款 only once it shipped). */
  types: AftersaleType[];
  /** Prefilled amount in yuan (the refundable hint); the buyer may change it. */
  initialAmount: string;
  busy?: boolean;
  /** Called with a valid draft only; `onInvalid` gets the sentence to show otherwise. */
  onSubmit: (draft: AftersaleDraft) => void;
  onInvalid: (message: string) => void;
}

/** 售后类型 / 退款金额 / 退款原因 and 提交申请. */
export function AftersaleForm({ types, initialAmount, busy, onSubmit, onInvalid }: AftersaleFormProps) {
  const [type, setType] = useState<AftersaleType>(types[0] ?? 'REFUND');
  const [amount, setAmount] = useState(initialAmount);
  const [chip, setChip] = useState<string | null>(null);
  const [words, setWords] = useState('');

  const submit = () => {
    if (busy) return;
    const fen = yuanInputToFen(amount);
    if (fen === null || fen <= 0) return onInvalid('请输入正确的退款金额');
    const reason = [chip, words.trim()].filter(Boolean).join('：');
    if (!reason) return onInvalid('请选择退款原因');
    if (reason.length > 200) return onInvalid('退款原因最多 200 字');
    onSubmit({ type, amount: fen, reason });
  };

  return (
    <View className="aftersale-form">
      <View className="aftersale-form__section">
        <Text className="aftersale-form__label">售后类型</Text>
        <View className="aftersale-form__chips">
          {types.map((t) => (
            <View
              key={t}
              className={`chip aftersale-type ${type === t ? 'chip--on' : ''}`}
              data-type={t}
              onClick={() => setType(t)}
            >
              <Text>{AFTERSALE_TYPE_TEXT[t]}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className="aftersale-form__section">
        <Text className="aftersale-form__label">退款金额</Text>
        <AmountInput value={amount} onInput={setAmount} />
      </View>

      <View className="aftersale-form__section">
        <Text className="aftersale-form__label">退款原因</Text>
        <View className="aftersale-form__chips">
          {AFTERSALE_REASONS.map((r) => (
            <View
              key={r}
              className={`chip aftersale-reason ${chip === r ? 'chip--on' : ''}`}
              data-reason={r}
              onClick={() => setChip(chip === r ? null : r)}
            >
              <Text>{r}</Text>
            </View>
          ))}
        </View>
        <Input
          className="aftersale-form__words"
          value={words}
          maxlength={150}
          placeholder="补充描述（选填）"
          onInput={(e) => setWords(e.detail.value)}
        />
      </View>

      <Button className="aftersale-form__submit" disabled={busy || undefined} onClick={submit}>
        提交申请
      </Button>
    </View>
  );
}
