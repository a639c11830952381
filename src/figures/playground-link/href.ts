// The standalone playground's address for a run. Apart from the codec so that the playground island can
// build its share link without loading the codec with the island (it loads on the first share).

/**
 * The playground page with a run's link fragment, under the site's base in its normal form ('/' or '/sub/':
 * siteBase(), or normalBase() of a configured one). The base is not checked again here, so the reader's
 * browser does not download the checks; a base without its slashes is refused rather than joined wrongly.
 */
export function playgroundHref(base: string, fragment: string): string {
  if (!base.startsWith('/') || !base.endsWith('/') || base.startsWith('//')) throw new Error(`playgroundHref: base ${JSON.stringify(base)} is not in its normal form; pass normalBase(base)`);
  return `${base}playground/#${fragment}`;
}
