/** The fixed cards: help (also the welcome), admin consent, sign-out, and short notices (errors, refusals, advice). */
import { SAMPLE_ID, type Tone } from './outcome';
import { expandTemplate, type AdaptiveCardJson } from './templates';
import { escapeMarkdown } from './text';

// Every command, in the order an admin meets them; angle brackets are escaped because the help card is Markdown.
const COMMANDS: readonly { title: string; value: string }[] = [
  { title: 'reprocess <assignment id>', value: 'Re-evaluate and re-apply one Delivered assignment.' },
  { title: 'status <assignment id>', value: 'State, user, access package and latest request of an assignment.' },
  {
    title: 'reprocess request <request id>',
    value: 'Retry the delivery of a request that failed or was partially delivered.',
  },
  { title: 'reprocess <id> <id> …', value: 'Reprocess up to 100 assignments at once, after a confirmation.' },
  {
    title: 'reprocess package <name or id>',
    value: 'Reprocess every Delivered assignment of an access package, after a confirmation.',
  },
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
    : "You're signed out of Reprocess. Teams can't sign you in silently here: send any command to Reprocess in a 1:1 chat to sign in again.";
  return renderNotice({ tone: 'accent', title: 'Signed out', message });
}

// Teams' desktop/mobile and web clients, which the app registration must pre-authorize for SSO.
const TEAMS_CLIENTS = '1fec8e78-bce4-4aaf-ab1b-5451cc387264 and 5e3ce6c0-2b1f-4285-8d4b-75ee78787346';

/** Every short notice the bot sends, in one place: what went wrong or why not, and what to do. */
export const Notices = {
  unexpected: (): AdaptiveCardJson =>
    renderNotice({
      title: 'Something went wrong',
      message: 'Reprocess hit an unexpected error. Nothing was changed by this failure; try again.',
    }),
  malformedButton: (): AdaptiveCardJson =>
    renderNotice({
      title: "That button's data isn't valid",
      message: 'The card sent data Reprocess cannot use, so nothing was done. Type help for a fresh card.',
    }),
  signInExpired: (): AdaptiveCardJson =>
    renderNotice({
      title: 'Your sign-in expired',
      message: 'Nothing was changed. Click the button again; Teams signs you in silently.',
    }),
  signInFailed: (aadsts?: string): AdaptiveCardJson =>
    renderNotice({
      title: 'Sign-in failed',
      message:
        'Teams could not sign you in to Reprocess silently. Try the command again in a minute; if it keeps failing, ask your admin to check the app registration.',
      detail: aadsts ? `AADSTS${aadsts}` : undefined,
    }),
  extraSignInStep: (aadsts?: string): AdaptiveCardJson =>
    renderNotice({
      title: 'Your organization requires an extra sign-in step',
      message:
        'Entra asked for multi-factor authentication or a Conditional Access check that a bot cannot perform silently. Sign out of Teams and back in, then try again.',
      detail: aadsts ? `AADSTS${aadsts}` : undefined,
    }),
  ssoMisconfigured: (appIdUri: string, code: string): AdaptiveCardJson =>
    renderNotice({
      title: 'Teams could not sign you in to Reprocess',
      message:
        `Teams could not get a sign-in token for this app silently. An admin should check the app registration: its Application ID URI must be ${appIdUri}, ` +
        `the same as webApplicationInfo.resource in the Teams app manifest, and the Teams clients ${TEAMS_CLIENTS} must be pre-authorized for its access_as_user scope.`,
      detail: `signin/failure: ${code}`,
    }),
  signInFirst: (): AdaptiveCardJson =>
    renderNotice({
      tone: 'warning',
      title: 'Sign in to Reprocess first',
      message:
        'A bulk job runs as you, and Teams cannot sign you in silently here. Send any command to Reprocess in a 1:1 chat once, then try again here.',
    }),
  historyInPersonalChat: (): AdaptiveCardJson =>
    renderNotice({
      tone: 'accent',
      title: 'Ask for your history in a 1:1 chat',
      message:
        'Your history lists your own reprocess attempts, so Reprocess shows it only in your 1:1 chat with it. Open that chat and send: history',
    }),
  tooManyIds: (max: number, sent: number): AdaptiveCardJson =>
    renderNotice({
      tone: 'warning',
      title: `At most ${max} ids per message`,
      message: `That message has ${sent} assignment ids. Send them in smaller groups, or reprocess a whole access package with: reprocess package followed by its name or id.`,
    }),
  tooManyOpenJobs: (max: number): AdaptiveCardJson =>
    renderNotice({
      tone: 'warning',
      title: `You already have ${max} open bulk jobs`,
      message:
        'Confirm or cancel a job that is waiting, or let a running one finish, then send this again. Unconfirmed jobs expire after a day.',
    }),
  packageListFailed: (detail: string): AdaptiveCardJson =>
    renderNotice({
      title: "Couldn't list the package's assignments",
      message: 'Microsoft Graph did not return the assignments of that access package.',
      detail,
    }),
  packageSearchFailed: (detail: string): AdaptiveCardJson =>
    renderNotice({
      title: "Couldn't search the access packages",
      message: 'Microsoft Graph did not answer the search for that name.',
      detail,
    }),
  noPackageMatches: (name: string): AdaptiveCardJson =>
    renderNotice({
      tone: 'warning',
      title: `No access package matches "${name}"`,
      message:
        'Check the name, or use the access package id. Catalog-scoped roles see only the access packages of their catalogs.',
    }),
  packageNameTooLong: (): AdaptiveCardJson =>
    renderNotice({
      title: 'That package name is too long',
      message: 'Type part of the access package name, or its id. Nothing was searched.',
    }),
  noPackageGiven: (): AdaptiveCardJson =>
    renderNotice({
      title: 'No access package was given',
      message: 'Type reprocess package followed by the access package name or id. Nothing was sent to Microsoft Graph.',
    }),
  notAPackageId: (): AdaptiveCardJson =>
    renderNotice({
      title: "That isn't an access package id",
      message: 'Access package ids are GUIDs. Nothing was sent to Microsoft Graph.',
    }),
  jobGone: (): AdaptiveCardJson =>
    renderNotice({
      title: 'That job no longer exists',
      message:
        'Unconfirmed jobs expire after a day, finished ones after a week. Start a new one with reprocess followed by the assignment ids.',
    }),
  jobElsewhere: (): AdaptiveCardJson =>
    renderNotice({
      title: "That job isn't from this chat",
      message: 'A bulk job can only be confirmed or changed in the chat where it was started.',
    }),
  notJobOwner: (owner: string): AdaptiveCardJson =>
    renderNotice({
      title: 'Only the job owner can do that',
      message: `${owner} runs this job; ask them, or start your own.`,
    }),
} as const;
