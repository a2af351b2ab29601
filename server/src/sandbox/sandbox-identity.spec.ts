import { sandboxOpenid, sandboxUnionid, SANDBOX_NAME } from './sandbox-identity';

describe('sandbox identities', () => {
  it('gives the same name the same openid, and different names different ones', () => {
    const appid = 'wx0123456789abcdef';
    expect(sandboxOpenid(appid, 'alice')).toBe(sandboxOpenid(appid, 'alice'));
    expect(sandboxOpenid(appid, 'alice')).not.toBe(sandboxOpenid(appid, 'bob'));
    expect(sandboxOpenid(appid, 'alice')).toHaveLength(28);
  });

  it('scopes openids to the appid but keeps the unionid across appids', () => {
    expect(sandboxOpenid('wx0000000000000001', 'alice')).not.toBe(sandboxOpenid('wx0000000000000002', 'alice'));
    expect(sandboxUnionid('alice')).toBe(sandboxUnionid('alice'));
  });

  it.each([
    ['alice', true],
    ['shop_admin-2', true],
    ['', false],
    ['a'.repeat(33), false],
    ['has space', false],
    ['x:y', false],
  ])('name %p valid = %p', (name, valid) => {
    expect(SANDBOX_NAME.test(name)).toBe(valid);
  });
});
