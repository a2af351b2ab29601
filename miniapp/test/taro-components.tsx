/**
 * DOM stand-ins for `@tarojs/components` in jest (jsdom): enough of each component's props for
 * component tests to render, click and read text. Mapped in the root jest.config.js.
 */
import { createElement, type ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode; className?: string };

/** Passes DOM-safe props through: className, data-*, aria-*, onClick. */
function domProps(props: Props): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (
      key === 'className' ||
      key === 'onClick' ||
      key === 'style' ||
      key.startsWith('data-') ||
      key.startsWith('aria-')
    )
      out[key] = value;
  }
  return out;
}

function element(tag: string) {
  const Component = (props: Props) => createElement(tag, domProps(props), props.children);
  Component.displayName = tag;
  return Component;
}

export const View = element('div');
export const Text = element('span');
export const ScrollView = element('div');
export const Swiper = element('div');
export const SwiperItem = element('div');

export function Image(props: Props) {
  return createElement('img', { ...domProps(props), src: props.src as string, alt: '' });
}

export function Button(props: Props) {
  return createElement('button', { ...domProps(props), disabled: Boolean(props.disabled) }, props.children);
}

export function Input(props: Props) {
  const onInput = props.onInput as ((e: { detail: { value: string } }) => void) | undefined;
  const onConfirm = props.onConfirm as ((e: { detail: { value: string } }) => void) | undefined;
  return createElement('input', {
    ...domProps(props),
    value: props.value as string,
    placeholder: props.placeholder as string,
    onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }),
    onKeyDown: (e: { key: string; currentTarget: { value: string } }) => {
      if (e.key === 'Enter') onConfirm?.({ detail: { value: e.currentTarget.value } });
    },
  });
}

export function RichText(props: Props) {
  return createElement('div', { ...domProps(props), dangerouslySetInnerHTML: { __html: String(props.nodes ?? '') } });
}

export function Switch(props: Props) {
  const onChange = props.onChange as ((e: { detail: { value: boolean } }) => void) | undefined;
  return createElement('input', {
    ...domProps(props),
    type: 'checkbox',
    checked: Boolean(props.checked),
    onChange: (e: { target: { checked: boolean } }) => onChange?.({ detail: { value: e.target.checked } }),
  });
}
