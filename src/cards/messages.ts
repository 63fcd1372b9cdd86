/** The fixed cards: help (also the welcome), admin consent, sign-out, and short notices (errors, refusals, advice). */
import { SAMPLE_ID, type Tone } from './outcome';
import { expandTemplate, type AdaptiveCardJson } from './templates';
import { escapeMarkdown } from './text';

// Every command, in the order an admin meets them; angle brackets are escaped because the help card is Markdown.
const COMMANDS: readonly { title: string; value: string }[] = [
  { title: 'reprocess <assignment id>', value: 'Re-evaluate and re-apply one Delivered assignment.' },
  { title: 'status <assignment id>', value: 'State, user, access package and latest request of an assignment.' },
  { title: 'reprocess request <request id>', value: 'Retry the delivery of a request that failed or was partially delivered.' },
  { title: 'reprocess <id> <id> …', value: 'Reprocess up to 100 assignments at once, after a confirmation.' },
  { title: 'reprocess package <name or id>', value: 'Reprocess every Delivered assignment of an access package, after a confirmation.' },
  { title: 'history', value: 'Your recent reprocess activity (in a 1:1 chat with the bot).' },
  { title: 'signout', value: 'Forget your sign-in; the next command signs you in again.' },
  { title: 'help', value: 'Show this card.' },
];

/** The help card (also the welcome): every command, and a form to reprocess or check one assignment id. */
export function renderHelp(): AdaptiveCardJson {
  return expandTemplate('help', {
    commands: COMMANDS.map((c) => ({ title: escapeMarkdown(c.title), value: c.value })),
    sampleId: SAMPLE_ID,
  });
}

/** Asks a tenant admin for admin consent, with a link to the consent page. */
export function renderConsent(consentUrl: string): AdaptiveCardJson {
  return expandTemplate('consent', { consentUrl });
}

/** What a notice says; plain text, escaped here. */
export interface Notice {
  title: string;
  message: string;
  /** A small line under the message: a code, an id. */
  detail?: string;
  tone?: Tone;
}

/** A short card: an error, a refusal, or advice. */
export function renderNotice(notice: Notice): AdaptiveCardJson {
  const detail = escapeMarkdown(notice.detail ?? '');
  return expandTemplate('notice', {
    tone: notice.tone ?? 'attention',
    title: escapeMarkdown(notice.title),
    message: escapeMarkdown(notice.message),
    ...(detail ? { detail } : {}),
  });
}

/** Confirms `signout`; only a 1:1 chat can sign the user in again silently. */
export function renderSignedOut(personal: boolean): AdaptiveCardJson {
  const message = personal
    ? "You're signed out of Reprocess. Your next command here signs you in again silently."
    : "You're signed out of Reprocess. Teams can't sign you in silently here: send any command to Reprocess in a 1:1 chat to sign in again,.";
  return renderNotice({ tone: 'accent', title: 'Signed out', message });
}
