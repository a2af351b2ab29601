import { useState } from 'react';
import { fireEvent, render } from '@testing-library/react';
import { StarRating } from './index';

function Harness({ initial, onChange }: { initial: number; onChange: (score: number) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <StarRating
      label="商品"
      name="product"
      value={value}
      onChange={(score) => {
        setValue(score);
        onChange(score);
      }}
    />
  );
}

const lit = (container: HTMLElement) => container.querySelectorAll('.star--on').length;

describe('StarRating', () => {
  it('shows five stars with the score lit', () => {
    const { container } = render(<StarRating label="物流" name="logistics" value={3} onChange={jest.fn()} />);
    expect(container.querySelectorAll('.star')).toHaveLength(5);
    expect(lit(container)).toBe(3);
    expect(container.querySelector('.star-rating__label')?.textContent).toBe('物流');
    expect(container.querySelector('.star-rating__word')?.textContent).toBe('一般');
  });

  it.each([1, 2, 3, 4, 5])('tapping star %i scores %i', (score) => {
    const onChange = jest.fn();
    const { container } = render(<Harness initial={5} onChange={onChange} />);
    fireEvent.click(container.querySelector(`.star[data-score="${score}"]`)!);
    expect(onChange).toHaveBeenCalledWith(score);
    expect(lit(container)).toBe(score);
    expect(container.querySelector('.star-rating')?.getAttribute('data-value')).toBe(String(score));
  });
});
