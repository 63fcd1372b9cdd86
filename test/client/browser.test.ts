import type { Page } from 'playwright-core';
import { DEMO } from '../../sandbox/graph-data';
import { expectShows, playgroundInBrowser, screenshot, send, UI_WAIT_MS } from './browser-support';
import type { ClientHarness } from './harness';

const session = playgroundInBrowser();
let h: ClientHarness;
let page: Page;
beforeAll(() => {
  ({ h, page } = session);
});

describe('the Playground in a browser', () => {
  it('a button clicked before any typed command works: the welcome card\'s "Check status" answers with the status card', async () => {
    // The Playground has no Universal Action SSO; the sandbox's SSO bridge signed its user in at start, as Teams'
    // first silent SSO would, so the click runs at once instead of ending in the Playground's "502 … 401".
    await page.goto(h.launched.playground.url);
    const welcome = page.locator('.ac-adaptiveCard', { hasText: 'Check status' }).first();
    await welcome.waitFor({ timeout: UI_WAIT_MS });
    expect(h.launched.sandbox.graph.calls).toHaveLength(0);
    await welcome.locator('input').first().fill(DEMO.assignments.deliveredSales);
    await welcome.getByRole('button', { name: 'Check status' }).click();
    const status = page.locator('.ac-adaptiveCard', { hasText: 'Assignment status' });
    await status.waitFor({ timeout: UI_WAIT_MS });
    await expectShows(status, [DEMO.assignments.deliveredSales, 'Checked by', 'Adele Vance']);
    expect(await page.getByText(/502|Invalid invoke response/).count()).toBe(0);
    expect(h.launched.bridge.exchanges).toBe(1);
  });

  it('typing reprocess <id> shows the result card, and its "Check status" button turns it into the status card', async () => {
    await send(page, `reprocess ${DEMO.assignments.delivered}`);

    const result = page.locator('.ac-adaptiveCard', { hasText: 'Reprocess queued' });
    await result.waitFor({ timeout: UI_WAIT_MS });
    await expectShows(result, ['Diego Siciliani', 'Sales Team Access', 'Adele Vance', DEMO.assignments.delivered]);
    const picture = await screenshot(page, result, 'result-card');

    await result.getByRole('button', { name: 'Check status' }).click();
    // Action.Execute: the card the bot returns replaces the clicked one in place.
    const status = page
      .locator('.ac-adaptiveCard', { hasText: 'Assignment status' })
      .filter({ hasText: DEMO.assignments.delivered });
    await status.waitFor({ timeout: UI_WAIT_MS });
    await expectShows(status, ['Checked by', 'Adele Vance', 'Delivered']);
    expect(await page.locator('.ac-adaptiveCard', { hasText: 'Reprocess queued' }).count()).toBe(0);

    expect(picture.length).toBeGreaterThan(10_000);
    expect(picture.length).toBeLessThan(300_000);
  });
});
