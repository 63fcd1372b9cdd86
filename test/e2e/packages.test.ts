import { randomUUID } from 'node:crypto';
import { DEMO, demoTenant } from '../../sandbox/graph-data';
import { Verbs, type AdaptiveCardJson } from '../../src/cards/templates';
import { cardsOf, actionsOf, facts, joinedTexts, titleOf } from '../support/cards';
import { startHarness, type Harness, type TestUser } from '../support/harness';

// `reprocess package <display name>`: resolved as the signed-in admin through the access-package search Graph
// documents (entitlementmanagement-list-accesspackages.md: `$filter=contains(tolower(displayName),'team')`).
const admin = DEMO.users.admin;
const manager = DEMO.users.manager;
const P = {
  salesEmea: '6a1b2c3d-0000-4a00-8000-00000000a002',
  obrien: '6a1b2c3d-0000-4a00-8000-00000000a003',
};
const OBRIEN_ASSIGNMENT = '6a1b2c3d-0000-4a00-8000-00000000b003';

/** The demo tenant (with its "Sales Team Access" and "Sales Operations") plus one more "Sales…" and one with an apostrophe. */
function tenant() {
  const data = demoTenant('');
  const general = DEMO.catalogs.general;
  data.accessPackages.push(
    { id: P.salesEmea, displayName: 'Sales Team Access (EMEA)', catalogId: general },
    { id: P.obrien, displayName: "O'Brien's Team", catalogId: general },
  );
  data.assignments.push({
    id: OBRIEN_ASSIGNMENT,
    state: 'delivered',
    status: 'Delivered',
    targetId: DEMO.users.diego.oid,
    accessPackageId: P.obrien,
  });
  return data;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ sandbox: { data: tenant() } });
  for (const user of [admin, manager]) expect((await h.signIn(user)).status).toBe(200);
});
afterAll(() => h.stop());
beforeEach(() => {
  h.sandbox.channel.clear();
  h.sandbox.graph.clearCalls();
});

/**
 * Sends `text` in the user's 1:1 chat and returns the card that answers it. A job it offers is cancelled from its
 * card afterwards, so no test runs into the limit of open jobs per user.
 */
async function answer(user: TestUser, text: string): Promise<AdaptiveCardJson> {
  const id = `msg-${randomUUID()}`;
  expect((await h.message(user, text, { id })).status).toBe(200);
  const reply = await h.sandbox.channel.waitFor((r) => r.replyToId === id && cardsOf(r.activity).length > 0, 15_000);
  const card = cardsOf(reply.activity)[0] as AdaptiveCardJson;
  const cancel = actionsOf(card).find((a) => a.verb === Verbs.bulkCancel);
  if (cancel) {
    const value = { action: { type: 'Action.Execute', verb: Verbs.bulkCancel, data: cancel.data } };
    expect((await h.invoke(user, 'adaptiveCard/action', value, { replyToId: reply.activityId })).status).toBe(200);
  }
  return card;
}

const searches = () => h.sandbox.graph.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/accessPackages'));

describe('reprocess package <name>', () => {
  it('one match: the confirmation card of that package, as for its id', async () => {
    const card = await answer(admin, 'reprocess package finance');
    expect(titleOf(card)).toBe('Reprocess 1 assignment?');
    expect(facts(card)['Access package']).toBe(`Finance Reporting (${DEMO.accessPackages.finance})`);
    expect(actionsOf(card).map((a) => a.verb)).toEqual([Verbs.bulkConfirm, Verbs.bulkCancel]);
    expect(searches().map((c) => c.query)).toEqual([
      "$filter=contains(tolower(displayName),'finance')&$select=id,displayName",
    ]);
    // Nothing is reprocessed before someone confirms.
    expect(h.sandbox.graph.calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('an exact name wins over names that only contain it, whatever its case', async () => {
    const card = await answer(admin, 'reprocess package sales team ACCESS');
    expect(titleOf(card)).toBe('Reprocess 2 assignments?');
    expect(facts(card)['Access package']).toBe(`Sales Team Access (${DEMO.accessPackages.sales})`);
  });

  it('several matches: a card to pick one, each button asking for its package by id', async () => {
    const card = await answer(admin, 'reprocess package Sales');
    expect(titleOf(card)).toBe('3 access packages match "Sales"');
    expect(actionsOf(card)).toEqual([
      {
        title: 'Sales Operations',
        verb: Verbs.bulkPackage,
        data: { accessPackageId: DEMO.accessPackages.salesOperations },
      },
      { title: 'Sales Team Access', verb: Verbs.bulkPackage, data: { accessPackageId: DEMO.accessPackages.sales } },
      { title: 'Sales Team Access (EMEA)', verb: Verbs.bulkPackage, data: { accessPackageId: P.salesEmea } },
    ]);
    // Only the search ran: no package's assignments were listed yet.
    expect(h.sandbox.graph.calls.map((c) => c.path.split('/').pop())).toEqual(['accessPackages']);
  });

  it('no match: says so, and lists nothing', async () => {
    const card = await answer(admin, 'reprocess package payroll');
    expect(titleOf(card)).toBe('No access package matches "payroll"');
    expect(joinedTexts(card)).toContain('Catalog-scoped roles see only the access packages of their catalogs.');
    expect(actionsOf(card)).toEqual([]);
    expect(h.sandbox.graph.calls.filter((c) => c.path.endsWith('/assignments'))).toEqual([]);
  });

  it('a search Graph fails says what Graph answered, in the words single commands use, with its request id', async () => {
    h.sandbox.graph.inject({ method: 'GET', path: 'accessPackages', status: 500, times: 1 });
    const failed = await answer(admin, 'reprocess package sales');
    expect(titleOf(failed)).toBe("Couldn't search the access packages");
    // Markdown-escaped on the card (a notice's detail is escaped as a whole), shown plainly by Teams.
    expect(joinedTexts(failed)).toMatch(
      /Microsoft Graph answered HTTP 500 \\?\(InternalServerError\\?\)\. request-id [0-9a-f-]{36}/,
    );

    h.sandbox.graph.inject({ method: 'GET', path: 'accessPackages', resetConnection: true, times: 1 });
    const unanswered = await answer(admin, 'reprocess package sales');
    expect(titleOf(unanswered)).toBe("Couldn't search the access packages");
    expect(joinedTexts(unanswered)).toContain('Microsoft Graph did not answer: the connection failed');
    expect(joinedTexts(unanswered)).not.toMatch(/HTTP error|NoResponse/);
  });

  it("a package whose assignments Graph fails to list says so with Graph's answer, and offers no job", async () => {
    h.sandbox.graph.inject({ method: 'GET', path: '/assignments', status: 500, times: 1 });
    const card = await answer(admin, `reprocess package ${DEMO.accessPackages.engineering}`);
    expect(titleOf(card)).toBe("Couldn't list the package's assignments");
    expect(joinedTexts(card)).toMatch(
      /Microsoft Graph answered HTTP 500 \\?\(InternalServerError\\?\)\. request-id [0-9a-f-]{36}/,
    );
    expect(actionsOf(card)).toEqual([]);
  });

  it('a name with a quote is sent as one OData literal (the quote doubled) and finds its package', async () => {
    const card = await answer(admin, "reprocess package O'Brien");
    expect(searches().map((c) => c.query)).toEqual([
      "$filter=contains(tolower(displayName),'o''brien')&$select=id,displayName",
    ]);
    expect(titleOf(card)).toBe('Reprocess 1 assignment?');
    expect(facts(card)['Access package']).toBe(`O'Brien's Team (${P.obrien})`);
  });

  it("a catalog-scoped manager finds only their catalogs' packages", async () => {
    const card = await answer(manager, 'reprocess package finance');
    expect(titleOf(card)).toBe('No access package matches "finance"');
    const choice = await answer(manager, 'reprocess package team');
    expect(actionsOf(choice).map((a) => a.data?.accessPackageId)).toEqual([
      P.obrien,
      DEMO.accessPackages.sales,
      P.salesEmea,
    ]);
  });

  it('an id still works as before', async () => {
    const card = await answer(admin, `reprocess package {${DEMO.accessPackages.engineering.toUpperCase()}}`);
    expect(facts(card)['Access package']).toBe(`Engineering Tools (${DEMO.accessPackages.engineering})`);
    expect(searches()).toEqual([]);
  });
});
