import type { ReactNode } from 'react';
import { Input, Switch, Text, View } from '@tarojs/components';
import './index.scss';

/**
 * The building blocks of the 营销 console's forms (promotions, coupons, levels, member day, points
 * rules): a labelled field that shows its messages (the form's or the server's, by request path),
 * inputs, toggles, chips, and the box for messages that belong to no field.
 */

export type Errors = Record<string, string[]>;

export function Messages({ messages }: { messages: readonly string[] }) {
  return (
    <>
      {messages.map((m) => (
        <Text key={m} className="console-field__error">
          {m}
        </Text>
      ))}
    </>
  );
}

/** A labelled row; the messages for `path` show under it. */
export function Field(props: { path: string; label: string; hint?: string; errors: Errors; children: ReactNode }) {
  const messages = props.errors[props.path] ?? [];
  return (
    <View className={`console-field ${messages.length ? 'console-field--invalid' : ''}`} data-path={props.path}>
      <View className="console-field__row">
        <Text className="console-field__label">{props.label}</Text>
        <View className="console-field__control">{props.children}</View>
      </View>
      {props.hint ? <Text className="console-field__hint">{props.hint}</Text> : null}
      <Messages messages={messages} />
    </View>
  );
}

export function TextInput(props: {
  value: string;
  type?: 'text' | 'number' | 'digit';
  wide?: boolean;
  suffix?: string;
  placeholder?: string;
  onInput: (v: string) => void;
}) {
  return (
    <View className="console-input">
      <Input
        className={`console-input__field ${props.wide ? 'console-input__field--wide' : ''}`}
        type={props.type ?? 'digit'}
        value={props.value}
        placeholder={props.placeholder}
        onInput={(e) => props.onInput(e.detail.value)}
      />
      {props.suffix ? <Text className="console-input__suffix">{props.suffix}</Text> : null}
    </View>
  );
}

export function Toggle(props: { checked: boolean; onChange: (v: boolean) => void }) {
  return <Switch checked={props.checked} color="#e93b3d" onChange={(e) => props.onChange(e.detail.value)} />;
}

/** One choice among a few (several when `multi`: `value` is then the chosen keys). */
export function Chips<K extends string | number>(props: {
  options: ReadonlyArray<{ key: K; label: string }>;
  value: K | readonly K[] | null;
  onChange: (k: K) => void;
}) {
  const chosen = (k: K) => (Array.isArray(props.value) ? props.value.includes(k) : props.value === k);
  return (
    <View className="admin-chips console-chips">
      {props.options.map((o) => (
        <View
          key={String(o.key)}
          className={`admin-chip ${chosen(o.key) ? 'admin-chip--active' : ''}`}
          data-value={String(o.key)}
          onClick={() => props.onChange(o.key)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}

const COMMISSION_OPTIONS = [
  { key: 'default', label: '店铺默认' },
  { key: 'yes', label: '计佣' },
  { key: 'no', label: '不计佣' },
] as const;

const commissionKey = (value: boolean | null) => (value === null ? 'default' : value ? 'yes' : 'no');

/** 分销计佣 in words: 店铺默认, 计佣 or 不计佣 (null, true, false). */
export function commissionText(value: boolean | null): string {
  return COMMISSION_OPTIONS.find((o) => o.key === commissionKey(value))!.label;
}

/** 分销计佣: the shop's default, yes or no (null, true, false). */
export function CommissionChips(props: { value: boolean | null; onChange: (v: boolean | null) => void }) {
  return (
    <Chips
      options={COMMISSION_OPTIONS}
      value={commissionKey(props.value)}
      onChange={(k) => props.onChange(k === 'default' ? null : k === 'yes')}
    />
  );
}

/** Messages with no field of their own, on top of the form. */
export function FormErrors({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <View className="console-errors">
      {messages.map((m) => (
        <Text key={m} className="console-errors__item">
          {m}
        </Text>
      ))}
    </View>
  );
}

/** A repeated group of fields (a SKU, a tier, an item) with its own messages and 删除. */
export function RowCard(props: {
  path: string;
  title: string;
  errors: Errors;
  onRemove?: () => void;
  children: ReactNode;
}) {
  return (
    <View className="console-row" data-path={props.path}>
      <View className="console-row__head">
        <Text>{props.title}</Text>
        {props.onRemove ? (
          <Text className="console-row__remove" onClick={props.onRemove}>
            删除
          </Text>
        ) : null}
      </View>
      <Messages messages={props.errors[props.path] ?? []} />
      {props.children}
    </View>
  );
}

/** A section's title with an optional 添加 link. */
export function SectionHead(props: { title: string; addLabel?: string; onAdd?: () => void; className?: string }) {
  return (
    <View className={`console-section ${props.className ?? ''}`}>
      <Text className="console-section__title">{props.title}</Text>
      {props.onAdd ? (
        <Text className="console-section__add" onClick={props.onAdd}>
          {props.addLabel ?? '+ 添加'}
        </Text>
      ) : null}
    </View>
  );
}
