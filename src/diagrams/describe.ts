// An accessible name and description for a Mermaid diagram, derived from its source, so a screen
// reader hears "时序图：P、A" and then the messages in order instead of a bag of SVG text nodes.
// The author's own `accTitle:` / `accDescr:` lines win. Meant to be called where diagram figures
// are emitted (figure.ts beside this file): each SVG box gets role=img, aria-label and aria-describedby.
// Its words are the site's (src/i18n/ui.ts, a leaf that imports nothing).
import { useTranslations, type UiKey } from '../i18n/ui.ts';

export interface DiagramDescription {
  label: string;
  description: string;
}

const KINDS: Array<[RegExp, UiKey]> = [
  [/^sequenceDiagram\b/, 'diagram.kind.sequence'],
  [/^(flowchart|graph)\b/, 'diagram.kind.flowchart'],
  [/^stateDiagram(-v2)?\b/, 'diagram.kind.state'],
  [/^classDiagram\b/, 'diagram.kind.class'],
  [/^erDiagram\b/, 'diagram.kind.er'],
  [/^gantt\b/, 'diagram.kind.gantt'],
  [/^timeline\b/, 'diagram.kind.timeline'],
  [/^pie\b/, 'diagram.kind.pie'],
];

const t = useTranslations();

const MESSAGE = /^([^\s:;>-][^:;>]*?)\s*(-->>|->>|-->|->|--x|-x|--\)|-\))\s*[+-]?\s*([^:]+?)\s*:\s*(.*)$/;

export function describeMermaid(source: string): DiagramDescription {
  const lines = source
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('%%'));
  const header = lines[0] ?? '';
  const kindKey = KINDS.find(([re]) => re.test(header))?.[1] ?? 'diagram.kind.other';
  const kind = t(kindKey);
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
  if (kindKey === 'diagram.kind.sequence') {
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
        const lost = m[2]?.includes('x') ?? false;
        messages.push(t(lost ? 'diagram.messageLost' : 'diagram.message', { from: shown(m[1] ?? ''), to: shown(m[3] ?? ''), text: m[4] ?? '' }));
      }
    }
  }
  const label = accTitle ?? (participants.length ? t('diagram.label', { kind, participants: participants.join(t('list.sep')) }) : kind);
  const description =
    accDescr ?? (messages.length ? t('diagram.messages', { count: messages.length, messages: messages.join(t('list.clauseSep')) }) : t('diagram.noMessages'));
  return { label, description };
}
