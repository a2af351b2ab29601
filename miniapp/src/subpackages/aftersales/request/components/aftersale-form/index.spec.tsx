import { fireEvent, render } from '@testing-library/react';
import { AftersaleForm, AmountInput, type AftersaleDraft } from './index';

function setup(initialAmount = '', types: AftersaleDraft['type'][] = ['REFUND', 'RETURN_REFUND']) {
  const onSubmit = jest.fn();
  const onInvalid = jest.fn();
  const { container } = render(
    <AftersaleForm types={types} initialAmount={initialAmount} onSubmit={onSubmit} onInvalid={onInvalid} />,
  );
  const amount = container.querySelector('.amount-input__field') as HTMLInputElement;
  const type = (t: string) => fireEvent.click(container.querySelector(`.aftersale-type[data-type="${t}"]`)!);
  const reason = (r: string) => fireEvent.click(container.querySelector(`.aftersale-reason[data-reason="${r}"]`)!);
  const submit = () => fireEvent.click(container.querySelector('.aftersale-form__submit')!);
  return { container, amount, type, reason, submit, onSubmit, onInvalid };
}

describe('AmountInput', () => {
  it.each<[string, boolean]>([
    // typed, shows the error
    ['12', false],
    ['12.3', false],
    ['12.30', false],
    ['', false],
    ['12.345', true],
    ['abc', true],
    ['-1', true],
    ['0', true],
    ['1,5', true],
  ])('%j: error shown %s', (typed, error) => {
    const { container } = render(<AmountInput value={typed} onInput={jest.fn()} />);
    expect(container.querySelector('.amount-input__error') !== null).toBe(error);
  });

  it('hands each keystroke to the page', () => {
    const onInput = jest.fn();
    const { container } = render(<AmountInput value="" onInput={onInput} />);
    fireEvent.change(container.querySelector('input')!, { target: { value: '8.8' } });
    expect(onInput).toHaveBeenCalledWith('8.8');
  });
});

describe('AftersaleForm', () => {
  it.each<[string, number]>([
    // typed yuan, fen sent
    ['12', 1_200],
    ['12.3', 1_230],
    ['0.01', 1],
    [' 199.99 ', 19_999],
  ])('sends %j yuan as %i fen (yuanInputToFen)', (typed, fen) => {
    const { amount, reason, submit, onSubmit, onInvalid } = setup();
    fireEvent.change(amount, { target: { value: typed } });
    reason('不想要了');
    submit();
    expect(onInvalid).not.toHaveBeenCalled();
    expect(onSubmit).toHaveBeenCalledWith({ type: 'REFUND', amount: fen, reason: '不想要了' });
  });

  it.each(['', '12.345', 'abc', '0', '0.00', '-5', '１２'])('refuses %j before submitting', (typed) => {
    const { amount, reason, submit, onSubmit, onInvalid } = setup('10.00');
    fireEvent.change(amount, { target: { value: typed } });
    reason('发错货');
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(onInvalid).toHaveBeenCalledWith('请输入正确的退款金额');
  });

  it('prefills the refundable hint and needs a reason', () => {
    const { amount, reason, type, submit, onSubmit, onInvalid, container } = setup('29.90');
    expect(amount.value).toBe('29.90');
    submit();
    expect(onInvalid).toHaveBeenLastCalledWith('请选择退款原因');
    expect(onSubmit).not.toHaveBeenCalled();

    type('RETURN_REFUND');
    reason('商品质量问题');
    fireEvent.change(container.querySelector('.aftersale-form__words')!, { target: { value: ' 袖口开线 ' } });
    submit();
    expect(onSubmit).toHaveBeenCalledWith({ type: 'RETURN_REFUND', amount: 2_990, reason: '商品质量问题：袖口开线' });
  });

  it('offers only the types the page allows (仅退款 before shipping)', () => {
    const { container } = setup('1', ['REFUND']);
    expect(Array.from(container.querySelectorAll('.aftersale-type')).map((el) => el.textContent)).toEqual(['仅退款']);
  });
});
