// The setup every Chromium suite on the built site shares: build the site (or reuse a fresh build), serve it
// locally, launch one Chromium, and close both after the suite. A suite calls usePlaygroundSite() once at
// the top and opens pages through it; console errors and failed requests collect in `problems`.
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { serveDist, type DistServer } from '../support/serve.ts';
import { openPage, type OpenOptions, type Opened } from './pages.ts';
import { paxosSite, type PaxosSite } from './site.ts';

export interface PlaygroundSuite {
  /** The built site (valid once the suite's `before` has run, i.e. inside tests). */
  readonly site: PaxosSite;
  readonly browser: Browser;
  /** The local server's address, ending in '/'. */
  readonly url: string;
  /** Console errors and failed requests of every page opened through `open`. */
  readonly problems: string[];
  open(path: string, opts?: OpenOptions): Promise<Opened>;
}

export function usePlaygroundSite(): PlaygroundSuite {
  let site: PaxosSite | undefined;
  let server: DistServer | undefined;
  let browser: Browser | undefined;
  const problems: string[] = [];
  before(async () => {
    site = await paxosSite();
    server = await serveDist(site.dist);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const ready = <T>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`usePlaygroundSite: the ${what} is not up yet (use it inside a test)`);
    return x;
  };
  return {
    get site() {
      return ready(site, 'site');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    get url() {
      return ready(server, 'server').url;
    },
    problems,
    open: (path, opts = {}) => openPage(ready(browser, 'browser'), ready(server, 'server').url, path, problems, opts),
  };
}
