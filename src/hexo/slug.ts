// Note file names (and so URLs, /notes/<slug>/) from Hexo post file names: the site's one path-segment
// rule (lower case, runs of anything but letters, digits, `_` and `-` become one `-`; Chinese names
// stay Chinese) applied to the name without its extension. No leading `_`: the notes collection
// ignores files that start with one.
import { pathSegment } from '../reader/url.ts';

export function noteSlug(fileName: string): string {
  return pathSegment(fileName.replace(/\.(md|markdown)$/i, ''));
}
