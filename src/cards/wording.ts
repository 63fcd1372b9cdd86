/** Every user-facing word on the cards, plus the helpers that make outside text safe to show. */
import type { AssignmentState } from '../graph/types';

const STATE_WORDS: Readonly<Record<string, string>> = {
  delivering: 'Delivering',
  partiallyDelivered: 'Partially delivered',
  delivered: 'Delivered',
  expired: 'Expired',
  deliveryFailed: 'Delivery failed',
};

/** `value` in words from `table`; a value Graph adds later is returned verbatim (escape it before display). */
export function inWords(table: Readonly<Record<string, string>>, value: string): string {
  if (value.trim() === '') return 'Unknown';
  // hasOwn keeps inherited names such as "constructor" from being read as known values.
  return Object.hasOwn(table, value) ? table[value] : value;
}

/** The assignment state in words; a state Graph adds later is returned verbatim (escape it before display). */
export function humanState(state: AssignmentState): string {
  return inWords(STATE_WORDS, state);
}

// CommonMark punctuation that can start formatting, links, autolinks, entities or HTML anywhere in a line,
// plus `$`, `{` and `}` so outside text can never look like template syntax.
const INLINE_SPECIAL = /[\\`*_~[\]()<>#&|!${}]/g;
// Block markers only matter at the start of a line; newlines are collapsed first, so only the start remains.
const LEADING_BLOCK = /^([-+=]|\d+(?=[.]))/;

/** Escapes Markdown in text from users or Graph so it shows literally: no links, emphasis, lists or headings. */
export function escapeMarkdown(text: string): string {
  const oneLine = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  return oneLine
    .replace(INLINE_SPECIAL, (ch) => `\\${ch}`)
    .replace(LEADING_BLOCK, (marker) => (/\d/.test(marker) ? `${marker}\\` : `\\${marker}`));
}

/** Shortens text to `max` characters (whole code points), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `2026-11-23 18:30 UTC` and `2026-11-23T18:30:00Z`; nothing for an invalid date. */
export function formatUtc(at: Date): { human?: string; iso?: string } {
  if (Number.isNaN(at.getTime())) return {};
  const iso = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { human: `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`, iso };
}

/** Fact titles and button labels shared by the cards. */
export const Labels = {
  assignmentId: 'Assignment id',
  user: 'User',
  accessPackage: 'Access package',
  state: 'State',
  status: 'Status',
  starts: 'Starts',
  expires: 'Expires',
  request: 'Request',
  latestRequest: 'Latest request',
  requestType: 'Request type',
  requestState: 'Request state',
  requestCreated: 'Request created',
  actor: 'Run by',
  checkedBy: 'Checked by',
  requestedBy: 'Requested by',
  when: 'When',
  timestamp: 'Timestamp (UTC)',
  requestId: 'request-id',
  clientRequestId: 'client-request-id',
  httpStatus: 'HTTP status',
  errorCode: 'Error code',
  tenantId: 'Tenant id',
  diagnostics: 'Diagnostics',
  checkStatus: 'Check status',
  tryAgain: 'Try again',
  refresh: 'Refresh',
  reprocess: 'Reprocess',
  reprocessRequest: 'Reprocess request',
  openConsent: 'Open admin consent page',
} as const;

/** A sample assignment id, used in wording and as the form placeholder. */
export const SAMPLE_ASSIGNMENT_ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';

/** Wording of the help card; command strings are shown escaped because of their angle brackets. */
export const HelpWording = {
  title: 'Reprocess',
  intro:
    'Reprocess re-applies Entra ID Governance access package assignments through Microsoft Graph, acting as you.',
  commands: [
    { title: 'reprocess <assignment id>', value: 'Re-evaluate and re-apply a delivered assignment.' },
    { title: 'status <assignment id>', value: "Show an assignment's state, user and access package." },
    {
      title: 'reprocess request <request id>',
      value: 'Reprocess an access package request, for example one whose delivery failed.',
    },
    { title: 'help', value: 'Show this card.' },
    { title: 'signout', value: 'Sign out of Reprocess.' },
  ],
  channelNote: 'In a team channel or group chat, mention the bot first: @Reprocess reprocess <assignment id>.',
  form: {
    label: 'Assignment id',
    placeholder: SAMPLE_ASSIGNMENT_ID,
    error: `Enter an assignment id, a GUID such as ${SAMPLE_ASSIGNMENT_ID}.`,
    reprocess: 'Reprocess',
    checkStatus: 'Check status',
  },
} as const;

/** Wording of the admin consent card. */
export const ConsentWording = {
  title: 'Admin consent needed',
  explanation:
    'Before anyone can reprocess assignments from Teams, a tenant admin must grant Reprocess admin consent ' +
    'for the delegated Microsoft Graph permission EntitlementManagement.ReadWrite.All.',
  nonAdmin:
    "If you aren't a Global Administrator or Privileged Role Administrator, send this link to one of them.",
} as const;

/** Wording of the signed-out card. */
export const SignedOutWording = {
  title: 'Signed out',
  message: "You're signed out of Reprocess. Your next command will sign you in again silently.",
} as const;
