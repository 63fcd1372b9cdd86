import * as path from 'node:path';
import { DEMO } from './graph-data';

const A = DEMO.assignments;

/** Demo commands worth typing, one per outcome the bot has for `reprocess <id>`. */
export const DEMO_COMMANDS: readonly { command: string; expect: string }[] = [
  { command: `reprocess ${A.delivered}`, expect: 'delivered: Reprocess queued' },
  { command: `reprocess ${A.delivering}`, expect: 'delivering: not eligible' },
  { command: `reprocess ${A.partiallyDelivered}`, expect: 'partiallyDelivered: not eligible' },
  { command: `reprocess ${A.deliveryFailed}`, expect: 'deliveryFailed: not eligible (retry its request instead)' },
  { command: `reprocess ${A.expired}`, expect: 'expired: not eligible' },
  { command: `reprocess ${A.hidden}`, expect: 'outside your role: access denied' },
  { command: 'reprocess 0b0b0b0b-0000-4000-8000-000000000404', expect: 'unknown id: not found' },
  { command: `reprocess request ${DEMO.requests.deliveryFailed}`, expect: 'failed request: reprocess request' },
];

/** What `npm run sandbox` prints once everything answers. */
export function banner(info: { playground: { url: string; logFile: string }; botEndpoint: string; currentUser: string; seconds: number }): string {
  const width = Math.max(...DEMO_COMMANDS.map((c) => c.command.length));
  return [
    '',
    `Reprocess sandbox ready in ${info.seconds.toFixed(1)} s`,
    '',
    `  Playground   ${info.playground.url}   (open it in a browser; you are ${info.currentUser})`,
    `  Bot          ${info.botEndpoint}`,
    '  Microsoft    Entra, Bot Framework and Graph emulators on loopback, demo tenant',
    `  Logs         bot and SSO bridge here; the Playground's in ${path.relative(process.cwd(), info.playground.logFile)}`,
    '',
    '  Type in the personal chat (sign-in is answered by the SSO bridge, as Teams would):',
    ...DEMO_COMMANDS.map((c) => `    ${c.command.padEnd(width)}   ${c.expect}`),
    '  In the team channel or group chat: @Reprocess reprocess <id>.',
    '',
    '  Ctrl-C stops everything.',
    '',
    '',
  ].join('\n');
}
