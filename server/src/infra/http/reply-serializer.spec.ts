import { serializeReply, shareReply } from './reply-serializer';

describe('serializeReply', () => {
  it.each([
    ['an object', { a: 1, b: ['x'] }, '{"a":1,"b":["x"]}'],
    ['an array', [1, 2], '[1,2]'],
    ['a string', 'text', '"text"'],
    ['a number', 3, '3'],
    ['null', null, 'null'],
  ])('writes %s as JSON', (_what, value, json) => {
    expect(serializeReply(value)).toBe(json);
  });

  it('writes a value that is not shared afresh each time', () => {
    const page = { items: [1] };
    expect(serializeReply(page)).toBe('{"items":[1]}');
    page.items.push(2);
    expect(serializeReply(page)).toBe('{"items":[1,2]}');
  });

  it('keeps the text of a shared value after its first reply', () => {
    const page = shareReply({ items: [1] });
    const first = serializeReply(page);
    expect(first).toBe('{"items":[1]}');
    expect(serializeReply(page)).toBe(first);
  });

  it('leaves values that are not objects alone', () => {
    expect(shareReply(5)).toBe(5);
    expect(serializeReply(shareReply('x'))).toBe('"x"');
  });
});
