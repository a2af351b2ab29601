import { randomBytes } from 'node:crypto';
import { encryptOpenData } from '../sandbox/sandbox-group';
import { decryptOpenData, openGroupEnterInfo, type ShareTicketFailure } from './share-ticket.policy';

const APPID = 'wx0123456789abcdef';
const sessionKey = randomBytes(16).toString('base64');
const otherKey = randomBytes(16).toString('base64');
const group = (data: unknown, key = sessionKey) => encryptOpenData(key, data);
const watermark = { appid: APPID, timestamp: 1_764_000_000 };

/** WeChat's own published example of open data (the decryptData sample of the mini-program docs). */
const WECHAT_SAMPLE = {
  appid: 'wx4f4bc4dec97d474b',
  sessionKey: 'tiihtNczf5v6AKRyjwEUhQ==',
  iv: 'r7BXXKkLb8qrSNn05n0qiA==',
  encryptedData:
    'CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew==',
};

it("decrypts WeChat's published sample exactly (AES-128-CBC, PKCS#7, base64 key and iv)", () => {
  const data = decryptOpenData(WECHAT_SAMPLE.sessionKey, WECHAT_SAMPLE.encryptedData, WECHAT_SAMPLE.iv);
  expect(data).toMatchObject({
    openId: 'oGZUI0egBJY1zhBYw2KhdUfwVJJE',
    nickName: 'Band',
    watermark: { appid: WECHAT_SAMPLE.appid, timestamp: 1477314187 },
  });
  // The sample is user info, not group data: right appid, no opengid.
  expect(openGroupEnterInfo(WECHAT_SAMPLE, WECHAT_SAMPLE.sessionKey, WECHAT_SAMPLE.appid)).toEqual({
    ok: false,
    reason: 'NO_OPENGID',
  });
});

it('reads the opengid of group data sealed like wx.getGroupEnterInfo (the sandbox)', () => {
  const ticket = group({ opengid: 'tGzTfT5Ms2rMa_xl-9fvB0', chat_type: 3, watermark });
  expect(openGroupEnterInfo(ticket, sessionKey, APPID)).toEqual({ ok: true, opengid: 'tGzTfT5Ms2rMa_xl-9fvB0' });
});

describe('a share ticket that yields no group', () => {
  const good = group({ opengid: 'tGroup1', watermark });
  const flip = (b64: string, at: number) => {
    const bytes = Buffer.from(b64, 'base64');
    bytes[at] ^= 0x01;
    return bytes.toString('base64');
  };
  const lastBlockFlipped = (() => {
    // Flipping a byte of the second-to-last block garbles the last block's padding (or the JSON).
    const bytes = Buffer.from(good.encryptedData, 'base64');
    bytes[bytes.length - 17] ^= 0xff;
    return bytes.toString('base64');
  })();

  it.each<[string, { encryptedData: string; iv: string }, string | null, string, ShareTicketFailure[]]>([
    ['no session_key on record', good, null, APPID, ['NO_SESSION_KEY']],
    ['a stale session_key (the user logged in again since)', good, otherKey, APPID, ['UNDECRYPTABLE', 'NOT_JSON']],
    [
      'tampered ciphertext',
      { ...good, encryptedData: lastBlockFlipped },
      sessionKey,
      APPID,
      ['UNDECRYPTABLE', 'NOT_JSON'],
    ],
    ['tampered iv (first block garbled)', { ...good, iv: flip(good.iv, 0) }, sessionKey, APPID, ['NOT_JSON']],
    [
      'another mini-program',
      group({ opengid: 'g', watermark: { ...watermark, appid: 'wxffff' } }),
      sessionKey,
      APPID,
      ['WRONG_APPID'],
    ],
    ['no watermark', group({ opengid: 'g' }), sessionKey, APPID, ['WRONG_APPID']],
    ['no opengid', group({ watermark }), sessionKey, APPID, ['NO_OPENGID']],
    [
      'an opengid too long for the column',
      group({ opengid: 'g'.repeat(65), watermark }),
      sessionKey,
      APPID,
      ['NO_OPENGID'],
    ],
    ['an opengid with odd characters', group({ opengid: "g'; DROP", watermark }), sessionKey, APPID, ['NO_OPENGID']],
    ['JSON that is not an object', group('just a string'), sessionKey, APPID, ['NOT_JSON']],
    ['ciphertext not base64', { ...good, encryptedData: '***' }, sessionKey, APPID, ['MALFORMED']],
    [
      'ciphertext not whole blocks',
      { ...good, encryptedData: Buffer.alloc(20).toString('base64') },
      sessionKey,
      APPID,
      ['MALFORMED'],
    ],
    ['an iv of 8 bytes', { ...good, iv: Buffer.alloc(8).toString('base64') }, sessionKey, APPID, ['MALFORMED']],
    ['a session_key of 32 bytes', good, randomBytes(32).toString('base64'), APPID, ['MALFORMED']],
  ])('%s', (_name, ticket, key, appid, reasons) => {
    const result = openGroupEnterInfo(ticket, key, appid);
    expect(result.ok).toBe(false);
    expect(reasons).toContain(!result.ok && result.reason);
  });
});
