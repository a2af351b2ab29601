import { splitSqlStatements } from './sql-statements';

describe('splitSqlStatements', () => {
  it.each<[string, string, string[]]>([
    ['one statement without a final semicolon', 'SELECT 1', ['SELECT 1']],
    ['statements separated by semicolons', 'SELECT 1;\nSELECT 2;\n', ['SELECT 1', 'SELECT 2']],
    [
      'Prisma-style comment headers stay with their statement',
      '-- CreateTable\nCREATE TABLE `a` (`id` INTEGER);\n\n-- AddForeignKey\nALTER TABLE `a` ADD x;\n',
      ['-- CreateTable\nCREATE TABLE `a` (`id` INTEGER)', '-- AddForeignKey\nALTER TABLE `a` ADD x'],
    ],
    ['a comment-only tail is dropped', 'SELECT 1;\n-- the end; really\n', ['SELECT 1']],
    ['an empty script', '  \n-- nothing here;\n/* nor; here */\n', []],
    ['semicolons in a string', "INSERT INTO t VALUES ('a;b');SELECT 2", ["INSERT INTO t VALUES ('a;b')", 'SELECT 2']],
    ['doubled and escaped quotes', "SELECT 'it''s;', 'x\\';y';SELECT 3", ["SELECT 'it''s;', 'x\\';y'", 'SELECT 3']],
    ['semicolons in identifiers', 'CREATE TABLE `a;b` (`c;d` INT);', ['CREATE TABLE `a;b` (`c;d` INT)']],
    ['semicolons in double-quoted strings', 'SELECT "a;b";', ['SELECT "a;b"']],
    [
      'semicolons in comments',
      'SELECT 1 -- one; two\n;# three; four\nSELECT /* ; */ 2;',
      ['SELECT 1 -- one; two', '# three; four\nSELECT /* ; */ 2'],
    ],
    ['a double dash without a space is an operator', 'SELECT 1--1;SELECT 2', ['SELECT 1--1', 'SELECT 2']],
    ['empty statements are dropped', ';;SELECT 1;;', ['SELECT 1']],
  ])('%s', (_name, script, expected) => {
    expect(splitSqlStatements(script)).toEqual(expected);
  });
});
