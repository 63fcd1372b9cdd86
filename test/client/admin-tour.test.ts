import type { Page } from 'playwright-core';
import { DEMO } from '../../sandbox/graph-data';
import { cardWith, expectShows, playgroundInBrowser, screenshot, send } from './browser-support';

// What a first-time admin meets, typed and clicked in the Playground's web UI (`npm run sandbox`): every outcome
// the demo tenant shows, a package found by name, a bulk job whose failures say what they mean, and a history where
// that job is one row. Each step checks what the card shows and keeps a picture of it (docs/ with UPDATE_SCREENSHOT=1).
const A = DEMO.assignments;
const UNKNOWN = '0b0b0b0b-0000-4000-8000-000000000404';
const RAW_ENUMS = /deliveryFailed|DeliveryFailed|partiallyDelivered|PartiallyDelivered/;

const session = playgroundInBrowser();
let page: Page;
beforeAll(async () => {
  page = session.page;
  await page.goto(session.h.launched.playground.url);
}, 30_000);

describe('an admin tours every command in the Playground', () => {
  it('the welcome card lists every command, and its form takes the id forms typed commands take', async () => {
    const help = await cardWith(page, 'Check status');
    await expectShows(help, [
      'reprocess <assignment id>',
      'status <assignment id>',
      'reprocess request <request id>',
      'reprocess <id> <id>',
      'reprocess package <name or id>',
      'history',
      'signout',
    ]);
    await screenshot(page, help, 'help');
  });

  it('throttled, Graph failure, access denied and not eligible each get their own card, in plain words', async () => {
    await send(page, `reprocess ${A.throttled}`);
    const throttled = await cardWith(page, 'Microsoft Graph is throttling requests');
    await expectShows(throttled, [
      `Try again in ${DEMO.throttledRetryAfterSeconds} seconds`,
      A.throttled,
      'Diagnostics',
    ]);
    await screenshot(page, throttled, 'throttled');

    await send(page, `reprocess ${A.failing}`);
    const failed = await cardWith(page, 'Microsoft Graph failed');
    await expectShows(failed, ['HTTP 500', 'client-request-id', 'Try again']);
    await screenshot(page, failed, 'graph-failure');

    await send(page, `reprocess ${A.hidden}`);
    const denied = await cardWith(page, "You can't reprocess this assignment");
    await expectShows(denied, ['Access Package Assignment Manager or higher']);
    // Nothing on it could help: no button.
    expect(await denied.getByRole('button').count()).toBe(0);
    await screenshot(page, denied, 'access-denied');

    await send(page, `reprocess ${A.deliveryFailed}`);
    const notEligible = await cardWith(page, 'Not eligible for reprocess');
    await expectShows(notEligible, ['its delivery failed', 'Delivery failed', 'Latest request']);
    expect(await notEligible.innerText()).not.toMatch(RAW_ENUMS);
    expect(await notEligible.getByRole('button', { name: 'Reprocess request' }).count()).toBe(1);
    await screenshot(page, notEligible, 'not-eligible');
  }, 180_000);

  it('reprocess package <name> offers a choice of packages; picking one shows its confirmation, and Confirm runs it', async () => {
    await send(page, 'reprocess package sales');
    const choice = await cardWith(page, '2 access packages match "sales"');
    await screenshot(page, choice, 'package-choice');
    await choice.getByRole('button', { name: 'Sales Team Access' }).click();
    const confirm = await cardWith(page, 'Reprocess 2 assignments?');
    await expectShows(confirm, ['Sales Team Access', DEMO.accessPackages.sales]);
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    const summary = await cardWith(page, /Microsoft Graph accepted 2 of 2 assignments/);
    await expectShows(summary, ['Bulk reprocess finished', 'Accepted means queued, not done']);
  }, 180_000);

  it('a bulk job says what each failure means and retries only what may succeed', async () => {
    await send(page, `reprocess ${A.delivered} ${A.delivering} ${A.failing} ${UNKNOWN}`);
    const confirm = await cardWith(page, 'Reprocess 4 assignments?');
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    const summary = await cardWith(page, /Microsoft Graph accepted 1 of 4 assignments; 3 failed/);
    await expectShows(summary, [
      'Not eligible: Delivering',
      'Not found · HTTP 404',
      'Microsoft Graph failed · HTTP 500',
      'It leaves out 2 that would fail the same way again',
    ]);
    expect(await summary.getByRole('button', { name: 'Retry failed' }).count()).toBe(1);
    await screenshot(page, summary, 'bulk-summary');
  }, 180_000);

  it('history shows a bulk job as one row beside the single commands', async () => {
    await send(page, 'history');
    const history = await cardWith(page, 'Activity is kept for');
    await expectShows(history, [
      'Your recent reprocess activity',
      'Bulk job finished',
      '4 assignments from a list of ids: 1 accepted, 3 failed',
      'Throttled by Microsoft Graph',
      'Microsoft Graph failed',
    ]);
    await screenshot(page, history, 'history');
  }, 120_000);
});
