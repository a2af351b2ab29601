import { sandboxNameFromUrl } from './sign-in';

describe('sandboxNameFromUrl', () => {
  it.each<[string, string | null]>([
    ['http://127.0.0.1:3000/#/pages/home/index?as=alice', 'alice'],
    ['http://127.0.0.1:3000/#/pages/home/index?x=1&as=e2e_shopper', 'e2e_shopper'],
    ['http://127.0.0.1:3000/?as=bob#/pages/home/index', 'bob'],
    ['http://127.0.0.1:3000/#/pages/home/index?as=%E5%B0%8F%E7%BA%A2', '小红'],
    ['http://127.0.0.1:3000/#/pages/home/index', null],
    ['http://127.0.0.1:3000/#/pages/home/index?as=', null],
    ['http://127.0.0.1:3000/#/pages/home/index?alias=x', null],
  ])('%s', (href, expected) => {
    expect(sandboxNameFromUrl(href)).toBe(expected);
  });
});
