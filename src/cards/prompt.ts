/** The channel card that lets whoever clicks run a command someone asked for, and the interim "working" card. */
import type { GraphCommandKind, Prompt } from '../services/outcomes';
import { actorFacts, fact, Labels } from './facts';
import { expandTemplate, Verbs, type AdaptiveCardJson } from './templates';
import { escapeMarkdown } from './text';

const ASKED: Record<GraphCommandKind, string> = {
  reprocess: 'reprocess assignment',
  status: 'check the status of assignment',
  reprocessRequest: 'reprocess request',
};

const DOING: Record<GraphCommandKind, string> = {
  reprocess: 'Reprocessing assignment',
  status: 'Checking the status of assignment',
  reprocessRequest: 'Reprocessing request',
};

const BUTTON: Record<GraphCommandKind, string> = {
  reprocess: 'Reprocess as me',
  status: 'Check status as me',
  reprocessRequest: 'Reprocess request as me',
};

/** "Ada asked to reprocess assignment <id>", with one button that runs it as whoever clicks. */
export function renderPrompt(prompt: Prompt): AdaptiveCardJson {
  const { command, requestedBy, at } = prompt;
  const targetId = prompt.targetId.trim();
  const onRequest = command === 'reprocessRequest';
  return expandTemplate('prompt', {
    title: `${escapeMarkdown(requestedBy.name) || 'Someone'} asked to ${ASKED[command]} ${escapeMarkdown(targetId)}`,
    facts: [
      ...fact(onRequest ? Labels.requestId : Labels.assignmentId, targetId),
      ...actorFacts('Requested by', requestedBy, at),
    ],
    button: BUTTON[command],
    verb: Verbs[command],
    ...(targetId ? (onRequest ? { requestId: targetId } : { assignmentId: targetId }) : {}),
  });
}

/** "Reprocessing assignment <id> as Ada": shown while Graph works; the card is replaced when it answers. */
export function renderWorking(command: GraphCommandKind, targetId: string, actorName: string): AdaptiveCardJson {
  const who = actorName.trim() ? ` as ${actorName.trim()}` : '';
  return expandTemplate('working', { title: escapeMarkdown(`${DOING[command]} ${targetId.trim()}${who}`) });
}

/** A second click on a button whose action is still running. */
export function renderAlreadyRunning(): AdaptiveCardJson {
  return expandTemplate('working', { title: 'This action is already running: someone clicked it a moment ago.' });
}
