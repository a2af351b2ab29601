import { eventKey, sendDecision, type SendOutcome } from './notification.policy';

describe('sendDecision: after one attempt at a subscription message', () => {
  const errcode = (code: number): SendOutcome => ({ kind: 'errcode', errcode: code });
  const timeout: SendOutcome = { kind: 'unavailable', mayHaveSent: true };
  const refused: SendOutcome = { kind: 'unavailable', mayHaveSent: false };

  it.each<[string, SendOutcome, number, number, ReturnType<typeof sendDecision>]>([
    ['sent', { kind: 'sent' }, 1, 5, { status: 'SENT', retry: false, giveBack: false }],
    ['sent on a retry', { kind: 'sent' }, 4, 5, { status: 'SENT', retry: false, giveBack: false }],
    [
      '43101 no quota at WeChat: refused, credit void',
      errcode(43101),
      1,
      5,
      { status: 'REFUSED', retry: false, giveBack: false },
    ],
    ['45009 rate limit, attempts left', errcode(45009), 1, 5, { status: 'PENDING', retry: true, giveBack: false }],
    ['-1 busy, attempts left', errcode(-1), 4, 5, { status: 'PENDING', retry: true, giveBack: false }],
    [
      '45009 on the last attempt: failed, credit back',
      errcode(45009),
      5,
      5,
      { status: 'FAILED', retry: false, giveBack: true },
    ],
    ['a token still invalid after refresh', errcode(40001), 2, 5, { status: 'PENDING', retry: true, giveBack: false }],
    [
      'HTTP 5xx / refused connection, attempts left',
      refused,
      1,
      3,
      { status: 'PENDING', retry: true, giveBack: false },
    ],
    ['HTTP 5xx on the last attempt: credit back', refused, 3, 3, { status: 'FAILED', retry: false, giveBack: true }],
    [
      'timeout on the last attempt: may have gone out, credit kept',
      timeout,
      3,
      3,
      { status: 'FAILED', retry: false, giveBack: false },
    ],
    ['47003 bad value: failed at once', errcode(47003), 1, 5, { status: 'FAILED', retry: false, giveBack: true }],
    ['40003 bad openid: failed at once', errcode(40003), 1, 5, { status: 'FAILED', retry: false, giveBack: true }],
    ['40037 bad template: failed at once', errcode(40037), 1, 5, { status: 'FAILED', retry: false, giveBack: true }],
    ['41030 bad page: failed at once', errcode(41030), 1, 5, { status: 'FAILED', retry: false, giveBack: true }],
    ['one attempt only', errcode(45009), 1, 1, { status: 'FAILED', retry: false, giveBack: true }],
  ])('%s', (_name, outcome, attempt, max, expected) => {
    expect(sendDecision(outcome, attempt, max)).toEqual(expected);
  });

  it('never retries and gives back at once, never sends twice', () => {
    for (const code of [0, -1, 40001, 40003, 40037, 41030, 42001, 43101, 45009, 45011, 47003]) {
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const decision = sendDecision(code === 0 ? { kind: 'sent' } : errcode(code), attempt, 3);
        expect(decision.retry && decision.giveBack).toBe(false);
        if (decision.retry) expect(decision.status).toBe('PENDING');
      }
    }
  });
});

describe('eventKey', () => {
  it.each([
    [['ORDER_SHIPPED', 'order', 123], 'ORDER_SHIPPED:order:123'],
    [['GROUP_SUCCEEDED', 'group', 5, 'user', 9], 'GROUP_SUCCEEDED:group:5:user:9'],
  ] as const)('%j → %s', (parts, key) => {
    const [template, ...subject] = parts;
    expect(eventKey(template, ...subject)).toBe(key);
  });
});
