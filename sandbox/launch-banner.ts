import * as path from 'node:path';
import { DEMO } from './graph-data';

const A = DEMO.assignments;

/** Demo commands worth typing, one per outcome the bot has (the demo tenant of sandbox/graph-data.ts). */
export const DEMO_COMMANDS: readonly { command: string; expect: string }[] = [
  { command: `reprocess ${A.delivered}`, expect: 'delivered: Reprocess queued' },
  { command: `reprocess ${A.delivering}`, expect: 'delivering: not eligible' },
  { command: `reprocess ${A.partiallyDelivered}`, expect: 'partiallyDelivered: not eligible (reprocess its request)' },
  { command: `reprocess ${A.deliveryFailed}`, expect: 'deliveryFailed: not eligible (reprocess its request)' },
  { command: `reprocess ${A.expired}`, expect: 'expired: not eligible' },
  { command: `reprocess ${A.hidden}`, expect: 'outside your role: access denied' },
  { command: 'reprocess 0b0b0b0b-0000-4000-8000-000000000404', expect: 'unknown id: not found' },
  {
    command: `reprocess ${A.throttled}`,
    expect: `Graph throttles it: try again in ${DEMO.throttledRetryAfterSeconds} s`,
  },
  { command: `reprocess ${A.failing}`, expect: 'Graph fails (500): status and request ids' },
  { command: `reprocess request ${DEMO.requests.deliveryFailed}`, expect: 'failed request: Request reprocess queued' },
  {
    command: `reprocess request ${DEMO.requests.deliveryFailedEarlier}`,
    expect: "failed over 14 days ago: Graph's 400, shown as Graph words it",
  },
  { command: `status ${A.deliveryFailed}`, expect: 'status with its latest request and a "Reprocess request" button' },
  {
    command: `reprocess package ${DEMO.accessPackages.sales}`,
    expect: 'bulk: every delivered assignment of "Sales Team Access"',
  },
  { command: 'reprocess package sales', expect: 'bulk by name: pick "Sales Team Access" or "Sales Operations"' },
  {
    command: `reprocess ${A.delivered} ${A.delivering} ${A.failing}`,
    expect: 'bulk list: each failure in words, Retry failed for what may succeed',
  },
  { command: 'history', expect: 'your recent activity: a bulk job is one row' },
];

/** The demo tenant's people, by what each shows. */
export const DEMO_PEOPLE: readonly string[] = [
  `${DEMO.users.admin.name}: Entitlement Management administrator (every catalog); the Playground's user`,
  `${DEMO.users.manager.name}: Access Package Assignment Manager on the General catalog only (catalog-scoped)`,
  `${DEMO.users.grady.name}: an admin the app's delegated grant does not cover (sign-in answers AADSTS65001: the consent card)`,
  `${DEMO.users.reader.name}, ${DEMO.users.diego.name}: no entitlement-management role (access denied)`,
];

/** What `npm run sandbox` prints once everything answers. */
export function banner(info: {
  playground: { url: string; logFile: string };
  botEndpoint: string;
  currentUser: string;
  seconds: number;
}): string {
  const width = Math.max(...DEMO_COMMANDS.map((c) => c.command.length));
  return [
    '',
    `Reprocess sandbox ready in ${info.seconds.toFixed(1)} s`,
    '',
    `  Playground   ${info.playground.url}   (open it in a browser; you are ${info.currentUser}, already signed in)`,
    `  Bot          ${info.botEndpoint}`,
    '  Microsoft    Entra, Bot Framework and Graph emulators on loopback, demo tenant',
    `  Logs         bot and SSO bridge here; the Playground's in ${path.relative(process.cwd(), info.playground.logFile)}`,
    '',
    '  Type in the personal chat (sign-in is answered by the SSO bridge, as Teams would):',
    ...DEMO_COMMANDS.map((c) => `    ${c.command.padEnd(width)}   ${c.expect}`),
    '  In the team channel or group chat: @Reprocess reprocess <id>.',
    '',
    '  People of the demo tenant:',
    ...DEMO_PEOPLE.map((p) => `    ${p}`),
    '',
    '  Ctrl-C stops everything.',
    '',
    '',
  ].join('\n');
}
