import { KeywordFilter, normalise, parseKeywordFile } from './keyword-filter';

describe('keyword filter', () => {
  const filter = new KeywordFilter(['代开发票', 'VX', ' 刷单 ', '刷单', '', '  ']);

  it('ignores blank and repeated words', () => {
    expect(filter.size).toBe(3);
  });

  it.each([
    ['正品保障，欢迎选购', null],
    ['本店可代开发票', '代开发票'],
    ['代 开-发.票 请私聊', '代开发票'],
    ['加我ｖｘ领取', 'VX'],
    ['加 V x', 'VX'],
    ['兼职刷单日结', '刷单'],
    ['', null],
  ])('%s → %s', (text, expected) => {
    expect(filter.find(text)).toBe(expected);
  });

  it('checks several texts (title and body) and does not join words across them', () => {
    expect(filter.find('好物推荐', '快来代开发票')).toBe('代开发票');
    expect(filter.find('代开', '发票')).toBeNull();
    expect(filter.find(null, undefined, 'v', 'x')).toBeNull();
  });

  it('normalises full-width, case and symbols', () => {
    expect(normalise('Ａ Ｂ-c！１')).toBe('abc1');
  });

  it('reads a keyword file', () => {
    expect(parseKeywordFile('# shop words\n违禁A\r\n\n  违禁B  # note\n#only comment\n')).toEqual(['违禁A', '违禁B']);
  });
});
