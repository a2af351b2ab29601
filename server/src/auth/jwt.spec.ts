import { signToken, verifyToken } from './jwt';

const secret = 'x'.repeat(40);
const t0 = new Date('2026-11-24T00:00:00Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('access tokens', () => {
  const token = signToken('42', secret, 3600, t0);

  it('round-trips the user id', () => {
    expect(verifyToken(token, secret, later(10))?.sub).toBe('42');
  });

  it.each([
    ['expired', token, secret, later(3600)],
    ['wrong secret', token, 'y'.repeat(40), later(1)],
    [
      'tampered payload',
      token.replace(/\.[^.]+\./, '.' + Buffer.from('{"sub":"1","iat":0,"exp":9999999999}').toString('base64url') + '.'),
      secret,
      later(1),
    ],
    ['alg none', 'eyJhbGciOiJub25lIn0.' + Buffer.from('{"sub":"42"}').toString('base64url') + '.', secret, later(1)],
    ['garbage', 'not-a-token', secret, later(1)],
    ['empty signature', token.split('.').slice(0, 2).join('.') + '.', secret, later(1)],
  ])('refuses a token that is %s', (_what, candidate, key, at) => {
    expect(verifyToken(candidate, key, at)).toBeNull();
  });
});
