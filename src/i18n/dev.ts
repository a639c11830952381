// The words of the dev-only tools a reader never sees: the playground's "保存为场景文件" form
// (components/playground/SaveScenario.tsx), which renders only under `astro dev`. Read inside that form, so a
// build, where the form is dropped, drops these too.
const SAVE_ZH = {
  nameLabel: '场景文件名（仅开发服务器）',
  save: '保存为场景文件',
  hint: '小写字母、数字和连字符，例如 my-run；写到 content/scenarios/<协议>/<名字>.json。',
  saved: (replaced: boolean, path: string): string => `${replaced ? '已覆盖' : '已保存'} ${path}。要在笔记里用它，把下面几行加到 src/scenarios/ 里对应协议的文件：`,
  exists: (path: string | undefined): string => `${path ?? '这个文件'} 已经存在：覆盖它，或者换一个名字。`,
  failed: (message: string): string => `没有存上：${message}`,
  replace: '覆盖它',
};

export type SaveStrings = typeof SAVE_ZH;

/** The save form's words for a page in `lang` (zh-CN only so far). */
export function saveStrings(_lang: string = 'zh-CN'): SaveStrings {
  return SAVE_ZH;
}
