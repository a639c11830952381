// Note file names (and so URLs, /notes/<slug>/) from Hexo post file names: lower case, runs of
// anything but letters, digits, `_` and `-` become one `-`. Chinese names stay Chinese. No leading
// `_`: the notes collection ignores files that start with one.
export function noteSlug(fileName: string): string {
  return fileName
    .replace(/\.(md|markdown)$/i, '')
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}_-]+/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_]+|-+$/g, '');
}
