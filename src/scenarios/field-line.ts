// Where a scenario field sits in the text the author wrote: a ScenarioError names a path such as
// `steps[3].match.to`; this finds its line in a YAML ```paxos block or a JSON scenario file (JSON is YAML
// to the parser, which keeps every node's offset), so the message can point at the line to fix.
import { parseDocument, type Document } from 'yaml';

/** `steps[3].match.kind` → ['steps', 3, 'match', 'kind'] */
function pathKeys(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return keys;
    if (m[1]) keys.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) keys.push(Number(idx[1]));
  }
  return keys;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line of the deepest part of `path` that the document has (a missing field: its parent's line). */
export function fieldLine(doc: Document, text: string, path: string): number | undefined {
  const keys = pathKeys(path);
  for (let n = keys.length; n > 0; n--) {
    const node = doc.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lineOf(text, node.range[0]);
  }
  return undefined;
}

/** fieldLine for a JSON or YAML text not parsed yet; undefined when the text does not parse. */
export function fieldLineIn(text: string, path: string): number | undefined {
  try {
    // Only node ranges are read, never toJS(), so aliases in a hostile file are not expanded here.
    const doc = parseDocument(text, { prettyErrors: false });
    if (doc.errors.length > 0) return undefined;
    return fieldLine(doc, text, path);
  } catch {
    // Nesting deep enough to exhaust the parser's stack: the message goes out without a line.
    return undefined;
  }
}
