// What a page tells the <head> about itself. BaseLayout takes these from every page and hands them to
// SeoHead unchanged, so both components share this one description of them.
export interface PageMeta {
  title: string;
  /** Site path of the share image (og/notes/<slug>.png); the site card when omitted. */
  image?: string | undefined;
  type?: 'website' | 'article';
  published?: Date | undefined;
  modified?: Date | null | undefined;
  tags?: readonly string[] | undefined;
  noindex?: boolean | undefined;
  /** The same page in other languages: BCP 47 tag and base-aware URL path (hreflang links). */
  alternates?: ReadonlyArray<{ lang: string; href: string }> | undefined;
}
