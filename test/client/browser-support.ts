import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../sandbox/playground';
import { startClientHarness, type ClientHarness } from './harness';

// Headless Chromium drives the Agents Playground web UI the way a developer does after `npm run sandbox`. CI installs
// Debian's chromium (.ci/run); without it the browser tests fail, never skip.
const CHROMIUM = '/usr/bin/chromium';
// Flags verified on these machines (FIELD-NOTES): headless, no sandbox as root, nothing that phones home; and
// /tmp instead of /dev/shm, which containers often keep tiny.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
/** How long the UI may take to show a card on a loaded machine. */
export const UI_WAIT_MS = 30_000;

/** The sandbox (emulators, bot, Playground) and a fresh Chromium page for one test file, stopped after it. */
export function playgroundInBrowser(): { readonly h: ClientHarness; readonly page: Page } {
  let h: ClientHarness | undefined;
  let opened: { browser: Browser; page: Page } | undefined;
  beforeAll(async () => {
    h = await startClientHarness();
    opened = await openBrowser();
  }, 90_000);
  afterAll(async () => {
    await opened?.browser.close();
    await h?.stop();
  }, 30_000);
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the sandbox and the browser start in beforeAll');
    return value;
  };
  return {
    get h() {
      return started(h);
    },
    get page() {
      return started(opened).page;
    },
  };
}

/** A fresh Chromium with one page that may reach loopback only (the UI asks a CDN for fonts: offline, not ours to call). */
export async function openBrowser(): Promise<{ browser: Browser; page: Page }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install -y --no-install-recommends chromium; .ci/run installs it).`,
    );
  }
  // launch() gives Chromium a fresh temporary profile (--user-data-dir) and deletes it on close.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  // Tall enough that the longest card (a status with its latest request) fits whole in a picture.
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  await page.route('**/*', (route) => (isLoopback(route.request().url()) ? route.continue() : route.abort()));
  return { browser, page };
}

function isLoopback(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost';
}

/** Types into the compose box like a person, checks it holds the text, then presses Enter. */
export async function send(page: Page, text: string): Promise<void> {
  const compose = page.locator('[contenteditable=true][role=textbox]').first();
  await compose.waitFor({ state: 'visible', timeout: UI_WAIT_MS });
  await compose.click();
  await compose.pressSequentially(text);
  const holds = ({ el, want }: { el: Element | null; want: string }) => el?.textContent?.trim() === want;
  await page.waitForFunction(holds, { el: await compose.elementHandle(), want: text }, { timeout: 10_000 });
  await compose.press('Enter');
}

/** The last card the Playground shows with `text` in it, once it is there. */
export async function cardWith(page: Page, text: string | RegExp): Promise<Locator> {
  const card = page.locator('.ac-adaptiveCard', { hasText: text }).last();
  await card.waitFor({ timeout: UI_WAIT_MS });
  return card;
}

/** Every word appears in what the card shows. */
export async function expectShows(card: Locator, words: (string | RegExp)[]): Promise<void> {
  const text = await card.innerText();
  for (const word of words) expect(text).toMatch(typeof word === 'string' ? new RegExp(escapeRegExp(word)) : word);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A picture of the card with a margin, as the README shows it: written to docs/<name>.png when UPDATE_SCREENSHOT=1,
 * else to .sandbox/screenshots/ (every run keeps its own copy to look at).
 */
export async function screenshot(page: Page, card: Locator, name: string): Promise<Buffer> {
  // Centred, so the Playground's toolbar never covers the card's top.
  await card.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = await card.boundingBox();
  if (!box) throw new Error(`the ${name} card is not visible`);
  const top = Math.min(box.y, 32);
  const clip = { x: Math.max(0, box.x - 24), y: box.y - top, width: box.width + 48, height: box.height + top + 16 };
  const png = await page.screenshot({ clip, animations: 'disabled' });
  const dir =
    process.env.UPDATE_SCREENSHOT === '1'
      ? path.join(REPO_ROOT, 'docs')
      : path.join(REPO_ROOT, '.sandbox', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.png`), png);
  return png;
}
