// Finding a Chromium for the build-time Mermaid renderer.
// Order: $CHROMIUM_PATH, then well-known system paths, then Playwright's download cache.
// Setting PAXOS_DIAGRAMS_NO_DISCOVERY=1 skips everything but $CHROMIUM_PATH (tests use it to
// simulate a machine without a browser).
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Where Playwright keeps downloaded browsers (PLAYWRIGHT_BROWSERS_PATH or its per-OS default). */
function playwrightCacheDirs(env: NodeJS.ProcessEnv): string[] {
  const dirs: string[] = [];
  if (env['PLAYWRIGHT_BROWSERS_PATH']) dirs.push(env['PLAYWRIGHT_BROWSERS_PATH']);
  dirs.push(join(homedir(), '.cache', 'ms-playwright'));
  dirs.push(join(homedir(), 'Library', 'Caches', 'ms-playwright'));
  return dirs;
}

function playwrightBrowsers(env: NodeJS.ProcessEnv): string[] {
  const found: string[] = [];
  for (const dir of playwrightCacheDirs(env)) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    // Newest build first: chromium-1234 sorts by its number.
    const chromiums = entries
      .filter((e) => /^chromium(_headless_shell)?-\d+$/.test(e))
      .sort((a, b) => Number(b.split('-').at(-1)) - Number(a.split('-').at(-1)));
    for (const e of chromiums) {
      for (const rel of [
        'chrome-linux/chrome',
        'chrome-linux64/chrome',
        'chrome-linux/headless_shell',
        'chrome-headless-shell-linux64/chrome-headless-shell',
        'chrome-mac/Chromium.app/Contents/MacOS/Chromium',
      ]) {
        found.push(join(dir, e, rel));
      }
    }
  }
  return found;
}

export interface BrowserDiscovery {
  /** The executable to launch, or null when none was found. */
  path: string | null;
  /** Every path that was tried, in order (for the warning). */
  tried: string[];
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): BrowserDiscovery {
  const tried: string[] = [];
  const explicit = env['CHROMIUM_PATH'];
  if (explicit) {
    tried.push(explicit);
    if (existsSync(explicit)) return { path: explicit, tried };
  }
  if (env['PAXOS_DIAGRAMS_NO_DISCOVERY'] === '1') return { path: null, tried };
  for (const candidate of [...SYSTEM_PATHS, ...playwrightBrowsers(env)]) {
    tried.push(candidate);
    if (existsSync(candidate)) return { path: candidate, tried };
  }
  return { path: null, tried };
}

/** Flags measured to keep headless Chromium quiet and quick here (playwright adds --headless, --no-sandbox). */
export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const INSTALL_HINT =
  'Install a browser to render diagrams at build time: `apt-get install chromium` (Debian/Ubuntu), ' +
  'or set CHROMIUM_PATH=/path/to/chrome.';
