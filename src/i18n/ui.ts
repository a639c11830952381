// The site's words: its chrome and its pages' own text, per locale. zh-CN is the default and complete
// locale; every other locale must define the same keys (the type below makes a missing key a compile
// error), so adding `en` is a matter of filling the table, not of touching components. The words of the
// figures and of the playground island are in figures.ts beside this file, a module of their own because
// they ship to the reader's browser with the island and these need not.

export const defaultLocale = 'zh-CN';
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

const zhCN = {
  'site.title': 'Paxos 注解笔记',
  'site.description': '一边读 Paxos，一边在笔记里运行真正的 Paxos 引擎：模拟、图示、可以亲手拨弄的演练场。',
  'nav.home': '首页',
  'nav.tags': '标签',
  'nav.categories': '分类',
  'nav.archive': '归档',
  'nav.playground': '演练场',
  'nav.rss': 'RSS 订阅',
  'nav.main': '主导航',
  'skip.toContent': '跳到正文',
  'search.open': '搜索',
  'search.label': '搜索笔记',
  'search.close': '关闭',
  'search.placeholder': '输入关键词，例如 一致性、ballot',
  'search.loading': '正在加载搜索…',
  'search.unavailable': '搜索索引不存在：请先构建站点并运行 Pagefind。',
  'theme.toggle': '切换深色/浅色主题',
  'theme.dark': '深色',
  'theme.light': '浅色',
  'toc.title': '目录',
  'note.published': '发布于',
  'note.updated': '更新于',
  'note.readingTime': '阅读约 {minutes} 分钟',
  'note.tags': '标签',
  'note.categories': '分类',
  'note.draft': '草稿',
  'note.wip': '施工中',
  'note.edit': '在 GitHub 上编辑此页',
  'note.translations': '其他语言版本',
  'note.prev': '上一篇',
  'note.next': '下一篇',
  'note.pagination': '上一篇与下一篇',
  'code.copy': '复制',
  'code.copied': '已复制',
  'code.copyLabel': '复制代码',
  'diagram.source': '源码',
  'diagram.invalid': 'Mermaid 图表有误',
  'diagram.kind.sequence': '时序图',
  'diagram.kind.flowchart': '流程图',
  'diagram.kind.state': '状态图',
  'diagram.kind.class': '类图',
  'diagram.kind.er': '实体关系图',
  'diagram.kind.gantt': '甘特图',
  'diagram.kind.timeline': '时间线',
  'diagram.kind.pie': '饼图',
  'diagram.kind.other': '图表',
  'diagram.label': '{kind}：{participants}',
  'diagram.message': '{from} → {to}：{text}',
  'diagram.messageLost': '{from} → {to}：{text}（丢失）',
  'diagram.messages': '共 {count} 条消息：{messages}。',
  'diagram.noMessages': '图的源码在下方“源码”中。',
  'list.sep': '、',
  'list.clauseSep': '；',
  'tags.title': '所有标签',
  'tags.one': '标签：{name}',
  'categories.title': '所有分类',
  'categories.one': '分类：{name}',
  'archive.title': '归档',
  'archive.year': '{year} 年',
  'list.count': '{count} 篇笔记',
  'list.empty': '还没有笔记。',
  'home.latest': '最新笔记',
  'home.intro': '关于 Paxos 及其变体的学习笔记。文中的每个场景都由一个真实的 Paxos 引擎模拟，再画成时序图；读者可以在页面里亲手单步、丢消息、让 acceptor 崩溃。',
  'playground.title': 'Paxos 演练场',
  'playground.description': '在浏览器里运行真实的 Paxos 引擎：逐步执行、投递或丢弃消息、让节点崩溃，看安全性如何保持。',
  'playground.intro':
    '这里跑的是笔记里同一个 Paxos 引擎。网络图里，节点按角色排开，消息沿着连线在路上走。按“下一步”沿着场景的脚本前进；点一条在途消息可以投递、丢弃或复制它，点一个节点可以让它崩溃、恢复、触发计时器或提议——之后就由你接管。带讲解的场景可以用“自动讲解”一段段看下去。拖动位置条可以回到过去，在过去动手会分出新的未来。',
  'playground.caption': '演练场',
  'notFound.title': '页面不存在',
  'notFound.body': '你要找的页面不在这里：也许它改了名字，或者链接有误。',
  'notFound.home': '回到首页',
  'footer.license': '笔记以 CC BY-SA 4.0 发布，代码以 MIT 发布。',
  'footer.builtWith': '用 Astro 构建，搜索由 Pagefind 提供。',
} as const;

export type UiKey = keyof typeof zhCN;

const en: Record<UiKey, string> = {
  'site.title': 'The annotated Paxos notes',
  'site.description': 'Study notes on Paxos with a real Paxos engine inside: simulations, diagrams and a playground.',
  'nav.home': 'Home',
  'nav.tags': 'Tags',
  'nav.categories': 'Categories',
  'nav.archive': 'Archive',
  'nav.playground': 'Playground',
  'nav.rss': 'RSS feed',
  'nav.main': 'Main navigation',
  'skip.toContent': 'Skip to content',
  'search.open': 'Search',
  'search.label': 'Search the notes',
  'search.close': 'Close',
  'search.placeholder': 'Type a word, e.g. quorum, 一致性',
  'search.loading': 'Loading search…',
  'search.unavailable': 'No search index: build the site and run Pagefind first.',
  'theme.toggle': 'Switch between dark and light theme',
  'theme.dark': 'Dark',
  'theme.light': 'Light',
  'toc.title': 'Contents',
  'note.published': 'Published',
  'note.updated': 'Updated',
  'note.readingTime': '{minutes} min read',
  'note.tags': 'Tags',
  'note.categories': 'Categories',
  'note.draft': 'Draft',
  'note.wip': 'Work in progress',
  'note.edit': 'Edit this page on GitHub',
  'note.translations': 'Also in',
  'note.prev': 'Previous',
  'note.next': 'Next',
  'note.pagination': 'Previous and next notes',
  'code.copy': 'Copy',
  'code.copied': 'Copied',
  'code.copyLabel': 'Copy code',
  'diagram.source': 'Source',
  'diagram.invalid': 'Invalid Mermaid diagram',
  'diagram.kind.sequence': 'Sequence diagram',
  'diagram.kind.flowchart': 'Flowchart',
  'diagram.kind.state': 'State diagram',
  'diagram.kind.class': 'Class diagram',
  'diagram.kind.er': 'Entity–relationship diagram',
  'diagram.kind.gantt': 'Gantt chart',
  'diagram.kind.timeline': 'Timeline',
  'diagram.kind.pie': 'Pie chart',
  'diagram.kind.other': 'Diagram',
  'diagram.label': '{kind}: {participants}',
  'diagram.message': '{from} → {to}: {text}',
  'diagram.messageLost': '{from} → {to}: {text} (lost)',
  'diagram.messages': '{count} messages: {messages}.',
  'diagram.noMessages': 'The diagram’s source is below, under “Source”.',
  'list.sep': ', ',
  'list.clauseSep': '; ',
  'tags.title': 'All tags',
  'tags.one': 'Tag: {name}',
  'categories.title': 'All categories',
  'categories.one': 'Category: {name}',
  'archive.title': 'Archive',
  'archive.year': '{year}',
  'list.count': '{count} notes',
  'list.empty': 'No notes yet.',
  'home.latest': 'Latest notes',
  'home.intro': 'Study notes on Paxos and its variants. Every scenario in them is simulated by a real Paxos engine and drawn as a sequence diagram; readers can step through it, drop messages and crash acceptors in the page.',
  'playground.title': 'Paxos playground',
  'playground.description': 'Run the real Paxos engine in your browser: step, deliver or drop messages, crash nodes, and watch safety hold.',
  'playground.intro':
    'This is the engine the notes run. The network picture lays the nodes out by role, with messages on their way along the links. “Next” follows the scenario’s script; click a message in flight to deliver, drop or duplicate it, or a node to crash, recover, fire a timer or propose — from then on the run is yours. Narrated scenarios play caption by caption. Drag the position bar back in time; acting in the past forks a new future.',
  'playground.caption': 'Playground',
  'notFound.title': 'Page not found',
  'notFound.body': 'The page you are looking for is not here: it may have moved, or the link is wrong.',
  'notFound.home': 'Back to the home page',
  'footer.license': 'Notes under CC BY-SA 4.0, code under MIT.',
  'footer.builtWith': 'Built with Astro; search by Pagefind.',
};

const tables: Record<Locale, Record<UiKey, string>> = { 'zh-CN': zhCN, en };

/** Normalises a note's `lang` (zh, zh-cn, zh-Hans, en-US…) to one of our locales, else the default. */
export function toLocale(lang: string | undefined): Locale {
  const l = (lang ?? '').toLowerCase();
  if (l.startsWith('en')) return 'en';
  return defaultLocale;
}

/** Returns `t(key, params)` for a locale; `{name}` placeholders are replaced from params. */
export function useTranslations(locale: Locale = defaultLocale) {
  const table = tables[locale];
  return function t(key: UiKey, params: Record<string, string | number> = {}): string {
    const text = table[key];
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

/** The language's own name, for "read this in …" links. */
export const localeNames: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** BCP 47 tag for the `lang` attribute and for Intl formatting. */
export function htmlLang(locale: Locale): string {
  return locale === 'zh-CN' ? 'zh-CN' : 'en';
}
