import { runPool } from '../support/reliability-pool';
import { startReliabilityHarness, type ReliabilityHarness } from '../support/reliability-harness';
import { admins, reliabilityTenant } from '../support/reliability-tenant';

// The fuzz run failed under CPU load ("fz-ex-33 (signin/tokenExchange): task 0 failed: TypeError: fetch failed"):
// generating its 12,000 cases stalled the event loop past the server's 5 s keep-alive timeout, and the first request
// went out on a pooled socket the server closed in that same moment (read ECONNRESET). Teams redelivers an
// activity it did not see acknowledged, and so does the harness; the bot acts once per activity.
const STALL_MS = 6_000;

let h: ReliabilityHarness;
beforeAll(async () => {
  h = await startReliabilityHarness({ sandbox: { data: reliabilityTenant({ slots: 0, admins: 1, newcomers: 0 }) }, logLevel: 'warn' });
});
afterAll(() => h.stop());

it('requests sent right after the event loop stalled past the keep-alive timeout are all answered', async () => {
  const admin = admins(1)[0]!;
  const send = (prefix: string) => runPool(Array.from({ length: 16 }, (_, i) => `${prefix}-${i}`), 16, async (id) => (await h.message(admin, 'help', { id })).status);
  expect(await send('warm')).toEqual(Array(16).fill(200));
  const until = Date.now() + STALL_MS;
  while (Date.now() < until) {
    // A synchronous stall, as generating thousands of fuzz cases on a loaded machine is.
  }
  const after = await send('after-stall');
  expect(after.map((a) => (a instanceof Error ? a.message : a))).toEqual(Array(16).fill(200));
}, 60_000);
