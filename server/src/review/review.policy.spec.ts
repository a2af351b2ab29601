import { imagesColumn, imagesOf, maskNickname } from './review.policy';

describe('maskNickname', () => {
  it.each([
    ['Alice', 'A***e'],
    ['al', 'a***l'],
    ['A', 'A***'],
    ['', '匿***'],
    ['   ', '匿***'],
    ['张小明', '张***明'],
    ['😀abc😎', '😀***😎'],
  ])('%j → %s', (nickname, expected) => {
    expect(maskNickname(nickname)).toBe(expected);
  });
});

describe('review images column', () => {
  it.each([
    [['a', 'b'], { review: ['a', 'b'], followUp: [] }],
    [
      { review: ['a'], followUp: ['c'] },
      { review: ['a'], followUp: ['c'] },
    ],
    [null, { review: [], followUp: [] }],
    [['a', 3], { review: ['a'], followUp: [] }],
  ])('imagesOf(%j)', (value, expected) => {
    expect(imagesOf(value)).toEqual(expected);
  });

  it('round-trips, and stays a plain array without follow-up images', () => {
    expect(imagesColumn({ review: ['a'], followUp: [] })).toEqual(['a']);
    const both = { review: ['a'], followUp: ['b'] };
    expect(imagesOf(imagesColumn(both))).toEqual(both);
  });
});
