import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO } from '../../sandbox/graph-data';
import { REPO_ROOT } from '../../sandbox/playground';
import { startClientHarness, type ClientHarness } from './harness';

// One real browser session: headless Chromium drives the Agents Playground web UI the way a developer does
// after `npm run sandbox`. CI installs Debian's chromium (.ci/run); without it this test fails, never skips.
const CHROMIUM = '/usr/bin/chromium';
// The README's picture is refreshed only on request (UPDATE_SCREENSHOT=1); every run saves its own copy.
const SCREENSHOT = process.env.UPDATE_SCREENSHOT === '1'
  ? path.join(REPO_ROOT, 'docs', 'result-card.png')
  : path.join(REPO_ROOT, '.sandbox', 'screenshots', 'result-card.png');
// Flags verified on these machines (FIELD-NOTES): headless, no sandbox as root, nothing that phones home; and
// /tmp instead of /dev/shm, which containers often keep tiny.
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

let h: ClientHarness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser test needs Debian's chromium (apt-get install -y --no-install-recommends chromium; .ci/run installs it).`);
  }
  h = await startClientHarness();
  // launch() gives Chromium a fresh temporary profile (--user-data-dir) and deletes it on close.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // The UI asks a CDN for web fonts and animations: offline, and not ours to call. Only loopback gets through.
  await page.route('**/*', (route) => (isLoopback(route.request().url()) ? route.continue() : route.abort()));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
}, 30_000);

function isLoopback(url: string): boolean {
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost' || url.startsWith('data:') || url.startsWith('blob:');
}

describe('the Playground in a browser', () => {
  it('a button clicked before any typed command works: the welcome card\'s "Check status" answers with the status card', async () => {
    // The Playground has no Universal Action SSO; the sandbox's SSO bridge signed its user in at start, as Teams'
    // first silent SSO would, so the click runs at once instead of ending in the Playground's "502 … 401".
    await page.goto(h.launched.playground.url);
    const welcome = page.locator('.ac-adaptiveCard', { hasText: 'Check status' }).first();
    await welcome.waitFor({ timeout: 20_000 });
    expect(h.launched.sandbox.graph.calls).toHaveLength(0);
    await welcome.locator('input').first().fill(DEMO.assignments.deliveredSales);
    await welcome.getByRole('button', { name: 'Check status' }).click();
    const status = page.locator('.ac-adaptiveCard', { hasText: 'Assignment status' });
    await status.waitFor({ timeout: 20_000 });
    await expectText(status, [DEMO.assignments.deliveredSales, 'Checked by', 'Adele Vance']);
    expect(await page.getByText(/502|Invalid invoke response/).count()).toBe(0);
    expect(h.launched.bridge.exchanges).toBe(1);
  });

  it('typing reprocess <id> shows the result card, and its "Check status" button turns it into the status card', async () => {
    await send(`reprocess ${DEMO.assignments.delivered}`);

    const result = page.locator('.ac-adaptiveCard', { hasText: 'Reprocess queued' });
    await result.waitFor({ timeout: 20_000 });
    await expectText(result, ['Diego Siciliani', 'Sales Team Access', 'Adele Vance', DEMO.assignments.delivered]);
    const screenshot = await screenshotWithMargin(page, result);

    await result.getByRole('button', { name: 'Check status' }).click();
    // Action.Execute: the card the bot returns replaces the clicked one in place.
    const status = page.locator('.ac-adaptiveCard', { hasText: 'Assignment status' }).filter({ hasText: DEMO.assignments.delivered });
    await status.waitFor({ timeout: 20_000 });
    await expectText(status, ['Checked by', 'Adele Vance', 'Delivered']);
    expect(await page.locator('.ac-adaptiveCard', { hasText: 'Reprocess queued' }).count()).toBe(0);

    expect(screenshot.length).toBeGreaterThan(10_000);
    expect(screenshot.length).toBeLessThan(300_000);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    fs.writeFileSync(SCREENSHOT, screenshot);
  });
});

/** Types into the compose box like a person, checks it holds the text, then presses Enter. */
async function send(text: string): Promise<void> {
  const compose = page.locator('[contenteditable=true][role=textbox]').first();
  await compose.waitFor({ state: 'visible', timeout: 20_000 });
  await compose.click();
  await compose.pressSequentially(text);
  const holds = ({ el, want }: { el: Element | null; want: string }) => el?.textContent?.trim() === want;
  await page.waitForFunction(holds, { el: await compose.elementHandle(), want: text }, { timeout: 5_000 });
  await compose.press('Enter');
}

async function expectText(card: ReturnType<Page['locator']>, words: string[]): Promise<void> {
  const text = await card.innerText();
  for (const word of words) expect(text).toContain(word);
}

// The card plus its frame and the "Reprocess <time>" line above it, as the README shows it.
async function screenshotWithMargin(page: Page, element: ReturnType<Page['locator']>): Promise<Buffer> {
  await element.scrollIntoViewIfNeeded();
  const box = await element.boundingBox();
  if (!box) throw new Error('the result card is not visible');
  const top = Math.min(box.y, 32);
  const clip = { x: box.x - 24, y: box.y - top, width: box.width + 48, height: box.height + top + 16 };
  return page.screenshot({ clip, animations: 'disabled' });
}
