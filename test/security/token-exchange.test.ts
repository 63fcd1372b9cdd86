import { DEMO } from '../../sandbox/graph-data';
import { AadFaults } from '../../sandbox';
import { titled } from '../support/cards';
import { exchangeValue, settle, startHarness, type Harness } from '../support/harness';

// Finding 10: the token-exchange dedupe key was written before the exchange, so Teams' retry of an exchange that
// failed transiently was answered 200 without any credential being stored. The id is now remembered only after a
// successful exchange; concurrent duplicates still exchange once.
const A = DEMO.assignments;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const reprocessPostsBy = (oid: string) =>
  h.sandbox.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/reprocess') && c.oid === oid);

describe('signin/tokenExchange', () => {
  it('a retry of an exchange that failed transiently exchanges again, and the waiting command then runs', async () => {
    const user = DEMO.users.manager;
    await h.message(user, `reprocess ${A.deliveredEngineering}`);
    // AADSTS90033: "A transient error has occurred. Please try again."
    h.sandbox.entra.failObo(user.oid, {
      error: 'temporarily_unavailable',
      aadsts: 90033,
      description: 'A transient error has occurred. Please try again.',
      times: 1,
    });
    const value = exchangeValue(h.sandbox, user, 'retried-exchange');
    expect((await h.invoke(user, 'signin/tokenExchange', value)).status).toBe(412);
    expect((await h.invoke(user, 'signin/tokenExchange', value)).status).toBe(200);
    await h.waitFor(titled('Reprocess queued'));
    expect(reprocessPostsBy(user.oid)).toHaveLength(1);
    expect(h.sandbox.entra.oboCount(user.oid)).toBe(2);
  });

  it('four concurrent deliveries of one exchange exchange once and all answer 200', async () => {
    const user = DEMO.users.admin;
    const value = exchangeValue(h.sandbox, user, 'four-devices');
    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) => h.invoke(user, 'signin/tokenExchange', value, { id: `device-${n}` })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(h.sandbox.entra.oboCount(user.oid)).toBe(1);
  });

  it('concurrent deliveries of an exchange Entra refuses: one On-Behalf-Of call, all answered 412, explained once', async () => {
    const user = DEMO.users.reader;
    h.sandbox.entra.failObo(user.oid, AadFaults.consentRequired);
    h.sandbox.channel.clear();
    const value = exchangeValue(h.sandbox, user, 'refused-four-devices');
    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) => h.invoke(user, 'signin/tokenExchange', value, { id: `refused-device-${n}` })),
    );
    h.sandbox.entra.clearFaults();
    expect(answers.map((a) => a.status)).toEqual([412, 412, 412, 412]);
    expect(h.sandbox.entra.oboCount(user.oid)).toBe(1);
    await settle();
    expect(h.sandbox.channel.records.filter(titled('Admin consent needed'))).toHaveLength(1);
  });
});
