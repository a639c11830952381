// Hostile front matter through the site's own pre-build check (src/markdown/validate-notes.ts: Astro's
// YAML reader, the alias budget, the notes schema), without an Astro build. A note is handled when the
// check returns; it must never throw, and a note built with a known fault (an alias bomb, a control
// character, a date no calendar has, an empty date) must come back with a problem naming its line.
import { checkNoteSource, type NoteProblem } from '../../src/markdown/validate-notes.ts';
import { Random } from '../../src/paxos/core/random.ts';
import type { FuzzClass } from './class.ts';

export interface HostileNote {
  text: string;
  /** Faults put in on purpose: each must be reported (field named when given). */
  faults: { kind: string; field?: string }[];
}

const FIELDS = ['title', 'subtitle', 'description', 'date', 'updated', 'tags', 'categories', 'draft', 'wip', 'lang', '__proto__', 'constructor', 'toString'];
const VALUES = [
  '', '~', 'null', '[]', '{}', '[a, b]', '[[a, [b, [c]]], d]', '"[施工中] 标题"', "'it''s'", 'yes', 'no', 'true', '0', '-1', '1e309', '.nan',
  '!!binary aGVsbG8=', '!!js/function "function(){}"', '!!str 12', '&x val', '"\\u0000"', '"\\ud800"', '|\n  block\n  text', '>-\n  folded',
  '2023-05-16 20:29:07', '2023-05-16', '2024-01-02T03:04:05+08:00', 'x'.repeat(300), '"unterminated', '[unclosed', '{a: 1', ': colon', '- item',
];

function date(random: Random): { text: string; impossible: boolean } {
  const y = random.pick([random.int(1000, 9999), random.int(0, 999), random.int(10000, 99999)]);
  const mo = random.int(0, 14);
  const d = random.int(0, 33);
  const h = random.int(0, 26);
  const mi = random.int(0, 62);
  const s = random.int(0, 62);
  const p = (n: number) => String(n).padStart(2, '0');
  const withTime = random.chance(0.5);
  const text = `${y}-${p(mo)}-${p(d)}${withTime ? ` ${p(h)}:${p(mi)}:${p(s)}` : ''}`;
  const days = mo >= 1 && mo <= 12 ? new Date(Date.UTC(y, mo, 0)).getUTCDate() : 0;
  const impossible = y < 1000 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days || (withTime && (h > 23 || mi > 59 || s > 59));
  return { text: random.chance(0.5) ? `"${text}"` : text, impossible };
}

function aliasBomb(random: Random, field: string): string {
  const width = random.int(3, 10);
  const depth = random.int(4, 12);
  let out = `b0: &b0 [${Array(width).fill('lol').join(', ')}]\n`;
  for (let i = 1; i < depth; i++) out += `b${i}: &b${i} [${Array(width).fill(`*b${i - 1}`).join(', ')}]\n`;
  return `${out}${field}: *b${depth - 1}\n`;
}

/** The note for `seed`: a few random fields, and sometimes one of the known faults. */
export function hostileNote(seed: number): HostileNote {
  const random = new Random(seed);
  const faults: HostileNote['faults'] = [];
  let front = random.chance(0.9) ? `title: t${seed}\n` : '';
  for (let i = random.int(0, 5); i > 0; i--) front += `${random.pick(FIELDS)}: ${random.pick(VALUES)}\n`;
  const fault = random.int(0, 6);
  if (fault === 0) {
    const field = random.pick(['tags', 'categories', 'title', 'description']);
    front = `title: t\n${aliasBomb(random, field)}`;
    // Small bombs stay within the budget and are just long lists (or a title that is not text).
    faults.push({ kind: 'alias bomb' });
  } else if (fault === 1) {
    const d = date(random);
    const field = random.pick(['date', 'updated']);
    front = `title: t\n${field}: ${d.text}\n`;
    if (d.impossible) faults.push({ kind: 'impossible date', field });
  } else if (fault === 2) {
    front = `title: t\ndate:\n`;
    faults.push({ kind: 'empty date', field: 'date' });
  } else if (fault === 3) {
    const code = random.pick([0, 1, 7, 8, 11, 12, 27, 31, 127, 0xfffe]);
    const where = random.int(0, front.length);
    front = `${front.slice(0, where)}${String.fromCharCode(code)}${front.slice(where)}`;
    faults.push({ kind: `control character U+${code.toString(16).padStart(4, '0')}` });
  } else if (fault === 4) {
    const depth = random.int(10, 5000);
    front += `tags: ${'['.repeat(depth)}x${']'.repeat(depth)}\n`;
  }
  const body = random.chance(0.2) ? `body ${String.fromCharCode(random.int(0, 31))}\n` : 'body\n';
  const text = `${random.chance(0.1) ? '\uFEFF' : ''}---\n${front}---\n${body}`;
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(body) && !faults.some((f) => f.kind.startsWith('control'))) faults.push({ kind: 'control character in the body' });
  return { text, faults };
}

/** Why the check's answer to `note` is wrong, or undefined. */
export function judgeNote(note: HostileNote, problems: NoteProblem[]): string | undefined {
  const bomb = note.faults.find((f) => f.kind === 'alias bomb');
  for (const fault of note.faults) {
    if (fault === bomb) continue;
    if (problems.length === 0) return `${fault.kind} accepted without a word`;
    if (fault.field !== undefined && !problems.some((p) => p.field === fault.field)) return `${fault.kind} reported without naming ${fault.field}: ${problems.map((p) => p.message).join(' | ')}`;
  }
  for (const p of problems) {
    if (!Number.isInteger(p.line) || p.line < 1) return `problem without a line: ${p.message}`;
    if (p.message.trim() === '' || /Invalid input$/.test(p.message)) return `unclear message: ${JSON.stringify(p.message)}`;
  }
  return undefined;
}

export function attemptNote(seed: number): Promise<void> {
  const note = hostileNote(seed);
  let problems: NoteProblem[];
  try {
    problems = checkNoteSource(`fuzz-${seed}.md`, note.text);
  } catch (error) {
    return Promise.reject(new Error(`seed ${seed}: the check threw ${(error as Error).name}: ${(error as Error).message}`));
  }
  const wrong = judgeNote(note, problems);
  return wrong === undefined ? Promise.resolve() : Promise.reject(new Error(`seed ${seed}: ${wrong}`));
}

export function describeNote(seed: number): string {
  const note = hostileNote(seed);
  const shown = JSON.stringify(note.text);
  return `${note.faults.map((f) => f.kind).join(', ') || 'random fields'}: ${shown.length > 120 ? `${shown.slice(0, 120)}…` : shown}`;
}

export const fuzzClasses: FuzzClass[] = [{ name: 'note front matter', attempt: attemptNote, describe: describeNote }];
