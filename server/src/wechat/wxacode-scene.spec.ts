import { isValidWxacodeScene } from './wxacode-scene';

describe('isValidWxacodeScene', () => {
  it.each([
    ['r=K7M3PQ&p=123456', true],
    ['r=K7M3PQ&p=2N9&c=SPRING25', true],
    ['s=Ab3x9Kq2', true],
    ['x'.repeat(32), true],
    ['x'.repeat(33), false],
    ['', false],
    ['r=%E4%B8%AD', false],
    ['r=中', false],
    ['r=a b', false],
    ['r="a"', false],
    ["!#$&'()*+,/:;=?@-._~", true],
  ])('%p → %p', (scene, valid) => {
    expect(isValidWxacodeScene(scene)).toBe(valid);
  });
});
