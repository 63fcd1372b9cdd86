/** Data of the channel action prompt (`cards/action-prompt.json`) and the working card (`cards/working.json`). */
import type { ActionPrompt } from '../services/outcomes';
import { Verbs, type Verb } from '../bot/verbs';
import { escapeMarkdown, Labels } from './wording';
import { actorFacts, fact, type Fact } from './facts';
import { PromptWording, WorkingWording } from './prompt-wording';

/** Data bound to `cards/action-prompt.json`; exactly one of the two ids is present when the target is known. */
export interface PromptCardData {
  title: string;
  why: string;
  runsAs: string;
  facts: Fact[];
  button: string;
  verb: Verb;
  assignmentId?: string;
  requestId?: string;
}

/** What the interim working card shows; `title` and `detail` are plain text, escaped on the card. */
export interface WorkingCardData {
  title: string;
  detail?: string;
}

/** Builds the prompt card data: who asked for what, and one button that runs it as whoever clicks. */
export function promptCardData(prompt: ActionPrompt): PromptCardData {
  const { action, requestedBy, at } = prompt;
  const targetId = prompt.targetId.trim();
  const onRequest = action === 'reprocessRequest';
  return {
    title: PromptWording.title(action, requestedBy.name, targetId),
    why: PromptWording.why,
    runsAs: PromptWording.runsAs,
    facts: [
      ...fact(onRequest ? Labels.request : Labels.assignmentId, targetId),
      ...actorFacts(Labels.requestedBy, requestedBy, at),
    ],
    button: PromptWording.button[action],
    verb: Verbs[action],
    ...(targetId ? (onRequest ? { requestId: targetId } : { assignmentId: targetId }) : {}),
  };
}

/** Builds the working card data with the caller's text escaped; a blank title is left out, a blank detail defaulted. */
export function workingCardData(data: WorkingCardData): Record<string, string> {
  const title = escapeMarkdown(data.title);
  const detail = escapeMarkdown(data.detail ?? '');
  return { status: WorkingWording.status, ...(title ? { title } : {}), detail: detail || WorkingWording.detail };
}
