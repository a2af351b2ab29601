import { fireEvent, render } from '@testing-library/react';
import { WithdrawForm } from './index';
import type { WithdrawRules } from '../../withdrawal-rules';

function setup(rules: WithdrawRules = { withdrawable: 5_000, minAmount: 100, dailyCap: 2_000 }, busy = false) {
  const onSubmit = jest.fn();
  const utils = render(<WithdrawForm rules={rules} reviewRequired={false} busy={busy} onSubmit={onSubmit} />);
  const { container } = utils;
  const amount = () => container.querySelector('.withdraw-form__amount') as HTMLInputElement;
  const type = (value: string) => fireEvent.change(amount(), { target: { value } });
  const submit = () => fireEvent.click(container.querySelector('.withdraw-form__submit')!);
  const error = () => container.querySelector('.withdraw-form__error')?.textContent ?? null;
  return { ...utils, amount, type, submit, error, onSubmit };
}

describe('WithdrawForm', () => {
  it('sends the typed yuan as fen', () => {
    const { type, submit, onSubmit, error } = setup();
    type('12.5');
    expect(error()).toBeNull();
    submit();
    expect(onSubmit).toHaveBeenCalledWith(1_250);
  });

  it('shows the limit the amount breaks and sends nothing', () => {
    const { type, submit, onSubmit, error } = setup();
    type('0.5');
    expect(error()).toBe('单笔最低提现 ¥1.00');
    type('25');
    expect(error()).toBe('单日最多提现 ¥20.00');
    type('1.001');
    expect(error()).toBe('请输入正确的金额（最多两位小数）');
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('says nothing until something is typed, then asks for an amount on an empty submit', () => {
    const { submit, onSubmit, error } = setup();
    expect(error()).toBeNull();
    submit();
    expect(error()).toBe('请输入提现金额');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('全部 fills the most one withdrawal can take (the daily cap here)', () => {
    const { container, amount, submit, onSubmit } = setup();
    fireEvent.click(container.querySelector('.withdraw-form__all')!);
    expect(amount().value).toBe('20');
    submit();
    expect(onSubmit).toHaveBeenCalledWith(2_000);
  });

  it('below the minimum balance the button says why and does nothing', () => {
    const { container, submit, onSubmit } = setup({ withdrawable: 50, minAmount: 100, dailyCap: 2_000 });
    const button = container.querySelector('.withdraw-form__submit') as HTMLButtonElement;
    expect(button.textContent).toBe('满 ¥1.00 可提现');
    expect(button.disabled).toBe(true);
    expect(container.querySelector('.withdraw-form__all')).toBeNull();
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows the server’s limits', () => {
    const { container } = setup();
    expect(container.querySelector('.withdraw-form__hint')?.textContent).toBe(
      '可提现 ¥50.00 · 单笔最低 ¥1.00 · 单日最多 ¥20.00',
    );
  });

  it('does not send twice while a request is in flight', () => {
    const { type, submit, onSubmit } = setup(undefined, true);
    type('10');
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
