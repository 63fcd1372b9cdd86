/** Wording of the channel action prompt and of the interim "Working on it…" card. */
import type { ActionPrompt } from '../services/outcomes';
import { escapeMarkdown } from './wording';

/** The actions a prompt or a working card can be about. */
export type PromptAction = ActionPrompt['action'];

const ASKED: Record<PromptAction, string> = {
  reprocess: 'reprocess assignment',
  status: 'check the status of assignment',
  reprocessRequest: 'reprocess request',
};

const DOING: Record<PromptAction, string> = {
  reprocess: 'Reprocessing assignment',
  status: 'Checking the status of assignment',
  reprocessRequest: 'Reprocessing request',
};

/** Wording of the card posted in channels and group chats, where nobody can be signed in silently. */
export const PromptWording = {
  /** "Ada asked to reprocess assignment <id>"; name and id are escaped here. */
  title: (action: PromptAction, name: string, targetId: string): string =>
    `${escapeMarkdown(name) || 'Someone'} asked to ${ASKED[action]} ${escapeMarkdown(targetId)}`,
  why:
    "Reprocess can't sign anyone in silently in a team channel or group chat, " +
    'so anyone with the right role can run this from here.',
  runsAs:
    'The action runs as whoever clicks, with their own Entra permissions ' +
    '(Access Package Assignment Manager or higher).',
  button: {
    reprocess: 'Reprocess as me',
    status: 'Check status as me',
    reprocessRequest: 'Reprocess request as me',
  } satisfies Record<PromptAction, string>,
} as const;

/** Wording of the interim card shown while Graph works. */
export const WorkingWording = {
  status: 'Working on it…',
  /** "Reprocessing assignment <id> as <name>", as plain text: `renderWorking` escapes it. */
  title: (action: PromptAction, targetId: string, actorName: string): string =>
    `${DOING[action]} ${targetId.trim()}${actorName.trim() ? ` as ${actorName.trim()}` : ''}`,
  detail: 'This card updates when Microsoft Graph answers.',
  /** For a second click on a button whose action is still running. */
  alreadyRunning: {
    title: 'This action is already running',
    detail: 'Someone clicked it a moment ago; the card updates when it finishes.',
  },
} as const;
