// An accessible name and description for a Mermaid diagram, derived from its source, so a screen
// reader hears "时序图：P、A" and then the messages in order instead of a bag of SVG text nodes.
// The author's own `accTitle:` / `accDescr:` lines win. Meant to be called where diagram figures
// are emitted (figure.ts beside this file): each SVG box gets role=img, aria-label and aria-describedby.

export interface DiagramDescription {
  label: string;
  description: string;
}

const KINDS: Array<[RegExp, string]> = [
  [/^sequenceDiagram\b/, '时序图'],
  [/^(flowchart|graph)\b/, '流程图'],
  [/^stateDiagram(-v2)?\b/, '状态图'],
  [/^classDiagram\b/, '类图'],
  [/^erDiagram\b/, '实体关系图'],
  [/^gantt\b/, '甘特图'],
  [/^timeline\b/, '时间线'],
  [/^pie\b/, '饼图'],
];

const MESSAGE = /^([^\s:;>-][^:;>]*?)\s*(-->>|->>|-->|->|--x|-x|--\)|-\))\s*[+-]?\s*([^:]+?)\s*:\s*(.*)$/;

export function describeMermaid(source: string): DiagramDescription {
  const lines = source
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('%%'));
  const header = lines[0] ?? '';
  const kind = KINDS.find(([re]) => re.test(header))?.[1] ?? '图表';
  const accTitle = lines.find((l) => l.startsWith('accTitle:'))?.slice('accTitle:'.length).trim();
  const accDescr = lines.find((l) => l.startsWith('accDescr:'))?.slice('accDescr:'.length).trim();

  const participants: string[] = [];
  const alias = new Map<string, string>();
  const shown = (id: string) => alias.get(id.trim()) ?? id.trim();
  const add = (id: string) => {
    const n = shown(id);
    if (n && !participants.includes(n)) participants.push(n);
  };
  const messages: string[] = [];
  if (kind === '时序图') {
    for (const line of lines.slice(1)) {
      const decl = /^(participant|actor)\s+(\S+)(?:\s+as\s+(.+))?$/.exec(line);
      if (decl) {
        if (decl[3]) alias.set(decl[2] ?? '', decl[3].trim());
        add(decl[2] ?? '');
        continue;
      }
      const m = MESSAGE.exec(line);
      if (m) {
        add(m[1] ?? '');
        add(m[3] ?? '');
        const lost = m[2]?.includes('x') ? '（丢失）' : '';
        messages.push(`${shown(m[1] ?? '')} → ${shown(m[3] ?? '')}：${m[4]}${lost}`);
      }
    }
  }
  const label = accTitle ?? (participants.length ? `${kind}：${participants.join('、')}` : kind);
  const description =
    accDescr ?? (messages.length ? `共 ${messages.length} 条消息：${messages.join('；')}。` : '图的源码在下方“源码”中。');
  return { label, description };
}
