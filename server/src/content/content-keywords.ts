/**
 * The built-in forbidden words of posts and comments (a starting list; the shop adds its own
 * through CONTENT_KEYWORDS_FILE). WeChat's msg_sec_check runs after this list.
 */
export const BUILT_IN_KEYWORDS: readonly string[] = [
  '代开发票',
  '刷单返利',
  '网络赌博',
  '六合彩',
  '裸聊',
  '办证刻章',
  '枪支弹药',
  '高仿名表',
  '私彩',
  '套现',
  '传销',
  '冰毒',
];
