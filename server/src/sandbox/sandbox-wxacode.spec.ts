import { parseWxacodeContent, WXACODE_SCENE, wxacodeContent } from './sandbox-wxacode';

describe('the text a sandbox 小程序码 encodes', () => {
  it.each([
    ['pages/product/index', 'r=K7M3PQ&p=123456', 'pages/product/index?scene=r%3DK7M3PQ%26p%3D123456'],
    ['pages/home/index', 's=Ab3x9Kq2', 'pages/home/index?scene=s%3DAb3x9Kq2'],
    [
      'subpackages/order/list/index',
      "!#$&'()*+,/:;=?@-._~",
      "subpackages/order/list/index?scene=!%23%24%26'()*%2B%2C%2F%3A%3B%3D%3F%40-._~",
    ],
  ])('%s + %p → %p and back', (page, scene, text) => {
    expect(wxacodeContent(page, scene)).toBe(text);
    expect(parseWxacodeContent(text)).toEqual({ page, scene });
  });

  it.each([['pages/home/index'], ['pages/home/index?id=1'], ['pages/home/index?scene=%E0%A4%A']])(
    'reads %p as no sandbox code',
    (text) => {
      expect(parseWxacodeContent(text)).toBeNull();
    },
  );
});

describe('the sandbox scene rule (40169)', () => {
  it.each([
    ['r=K7M3PQ&p=123456', true],
    ['a'.repeat(32), true],
    ['a'.repeat(33), false],
    ['', false],
    ['r=%E4', false],
    ['中文', false],
    ['a b', false],
    ["!#$&'()*+,/:;=?@-._~", true],
  ])('%p valid = %p', (scene, valid) => {
    expect(WXACODE_SCENE.test(scene)).toBe(valid);
  });
});
