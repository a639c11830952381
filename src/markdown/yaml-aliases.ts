// YAML with a budget on aliases. `&a [x, x]` / `*a` lets a few lines stand for billions of values
// (the "billion laughs"): a front matter or a ```paxos block built that way would take the build's
// memory and minutes. Every YAML the site or the importer reads turns into data here, with the `yaml`
// package's alias limit, and a document over it becomes a message with the line of its first alias.
import { visit, type Document } from 'yaml';

/** Alias uses allowed in one document, counted the way `yaml` counts them (with their expansion). */
export const MAX_YAML_ALIASES = 100;

export type YamlData = { ok: true; data: unknown } | { ok: false; /** 1-based line in the document's text. */ line: number; message: string };

/** `doc.toJS()` within the alias budget; `text` is the source the document was parsed from. */
export function yamlData(doc: Document, text: string): YamlData {
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch (error) {
    let offset = 0;
    visit(doc, {
      Alias(_key, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const line = text.slice(0, offset).split('\n').length;
    const why = error instanceof ReferenceError ? `its aliases (*name) expand to more than ${MAX_YAML_ALIASES} copies` : (error as Error).message;
    return { ok: false, line, message: `${why}; write the values out instead of repeating them through &anchors and *aliases` };
  }
}
