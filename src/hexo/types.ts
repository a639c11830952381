// Shared shapes of the Hexo importer. Everything in src/hexo except walk.ts, write.ts and run.ts is
// pure: text in, text and reports out, so the tests can pin every conversion without touching disk.

/** A problem the importer could not work around: the post is not converted. */
export interface Failure {
  /** 1-based line in the source file, when the problem has one. */
  line?: number;
  reason: string;
}

/** Something the importer left for the author to look at; the post is still converted. */
export interface Warning {
  line: number;
  message: string;
}

/** Front matter as the site's note schema expects it (src/content.config.ts). */
export interface NoteFrontMatter {
  title: string;
  subtitle?: string;
  date?: string;
  /** `null` keeps Hexo's empty `updated:`; the schema accepts it. */
  updated?: string | null;
  tags?: string[];
  categories?: string[];
  description?: string;
  draft?: boolean;
  wip?: boolean;
  lang?: string;
}

export type Converted = {
  ok: true;
  /** The note file name, e.g. `2023-05-16-paxos.md`. */
  fileName: string;
  /** The whole note: front matter and body. */
  text: string;
  front: NoteFrontMatter;
  /** Every change made, in source order, each a short sentence (`title: quoted value starting with "["`). */
  changes: string[];
  warnings: Warning[];
  /** Files of the post's asset folder that the body refers to (`{% asset_img a.png %}` → `a.png`), with the line of the first reference. */
  assets: { file: string; line: number }[];
};

export type ConvertResult = Converted | ({ ok: false } & Failure);
