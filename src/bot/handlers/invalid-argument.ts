import type { TurnContext } from 'botbuilder';
import { renderResult } from '../../cards/render';
import type { InvalidArgument } from '../commands';
import type { HandlerDeps } from '../deps';
import { actorOf, sendCard } from '../turn';

/** A command with something that is not an id: explain, with no network call at all. */
export async function handleInvalidArgument(context: TurnContext, deps: HandlerDeps, parsed: InvalidArgument): Promise<void> {
  const actor = actorOf(context);
  await sendCard(context, renderResult({ kind: 'invalidId', input: parsed.input }, { actor, at: deps.clock() }));
}
