import type { TurnContext } from 'botbuilder';
import { renderRequestResult } from '../../cards/request';
import { renderResult } from '../../cards/result';
import { renderStatus } from '../../cards/status';
import type { InvalidArgument } from '../commands';
import type { HandlerDeps } from '../deps';
import { actorOf, sendCard } from '../turn';

/** A command with something that is not an id: explain, with no network call at all. */
export async function handleInvalidArgument(context: TurnContext, deps: HandlerDeps, parsed: InvalidArgument): Promise<void> {
  const actor = actorOf(context);
  const ctx = { actor, at: deps.clock() };
  switch (parsed.command) {
    case 'reprocessRequest':
      return void (await sendCard(context, renderRequestResult({ kind: 'invalidId', target: { kind: 'request', id: parsed.input } }, ctx)));
    case 'status':
      return void (await sendCard(context, renderStatus({ kind: 'invalidId', target: { kind: 'assignment', id: parsed.input } }, ctx)));
    case 'reprocess':
    case 'bulkPackage':
      return void (await sendCard(context, renderResult({ kind: 'invalidId', target: { kind: 'assignment', id: parsed.input } }, ctx)));
  }
}
