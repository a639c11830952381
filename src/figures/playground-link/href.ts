// The standalone playground's address for a run. Apart from the codec so that the playground island can
// build its share link without loading the codec with the island (it loads on the first share).
import { joinBase } from '../../base-path.ts';

/** The playground page with a run's link fragment, under the site's base ('/' or '/sub/'). */
export function playgroundHref(base: string, fragment: string): string {
  return joinBase(base, `playground/#${fragment}`);
}
