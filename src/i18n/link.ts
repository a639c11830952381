// What a share link that cannot be opened says: the page shows it as text next to the default scenario. Apart
// from figures.ts because only the share-link codec reads it, and that loads when a link is opened or written.
export const LINK_ZH = {
  garbled: '这个链接已损坏（可能被截断或改动过），无法还原其中的运行。',
  tooLong: (chars: number, max: number): string => `这个链接太长（${chars} 个字符，上限 ${max}），没有打开。`,
  noRun: '链接里没有 run= 参数。',
  version: (v: string): string => `这个链接的格式版本（${v}）本页不认识。`,
  badScenario: (what: string): string => `链接里的场景无效：${what}。`,
  badCount: (item: number): string => `链接里的操作太多或无效（第 ${item} 项）。`,
  badCommand: (item: number, why: string): string => `链接里的第 ${item} 项操作无效：${why}。`,
  tooMany: '链接里的操作太多。',
};
