import type { RecordedActivity } from '../sandbox/channel-connector';

/** Adaptive Card contents of an activity the bot sent. */
export function cardsOf(activity: RecordedActivity): unknown[] {
  return (activity.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content);
}
