import type { Rng } from './rng';

type Activity = Record<string, unknown>;
type Mutation = (a: Activity) => void;

const conversation = (a: Activity) => a['conversation'] as Activity;

/**
 * Structural damage to an otherwise valid, correctly signed Teams activity: fields of the wrong type, missing
 * parts, junk entities, oversized ids. The channel would not send these, but nothing in the bot may answer 5xx.
 */
export const MUTATIONS: Record<string, Mutation> = {
  textNumber: (a) => void (a['text'] = 42),
  textObject: (a) => void (a['text'] = { text: 'reprocess' }),
  textArray: (a) => void (a['text'] = ['reprocess', '../../users']),
  textNull: (a) => void (a['text'] = null),
  noFrom: (a) => void delete a['from'],
  fromWithoutIds: (a) => void (a['from'] = { name: 'x' }),
  fromString: (a) => void (a['from'] = 'me'),
  aadObjectIdNumber: (a) => void (a['from'] = { id: '29:x', aadObjectId: 7 }),
  entitiesJunk: (a) =>
    void (a['entities'] = [{ type: 'mention' }, null, 42, { type: 'mention', mentioned: null, text: 5 }]),
  entitiesObject: (a) => void (a['entities'] = { type: 'mention' }),
  channelDataString: (a) => void (a['channelData'] = 'x'),
  recipientMissing: (a) => void delete a['recipient'],
  conversationTypeObject: (a) => void (conversation(a)['conversationType'] = { a: 1 }),
  localeNumber: (a) => void (a['locale'] = 42),
  idNumber: (a) => void (a['id'] = 12345),
  idHuge: (a) => void (a['id'] = 'x'.repeat(100_000)),
  conversationIdHuge: (a) => void (conversation(a)['id'] = `a:${'x'.repeat(50_000)}`),
  replyToIdObject: (a) => void (a['replyToId'] = { id: 1 }),
  attachmentsJunk: (a) => void (a['attachments'] = [{ contentType: 'text/html', content: '<b>x</b>' }, null]),
  membersAddedJunk: (a) => Object.assign(a, { type: 'conversationUpdate', membersAdded: [{ id: '28:x' }, null] }),
  timestampJunk: (a) => void (a['timestamp'] = 'yesterday'),
  valueWithoutText: (a) =>
    Object.assign(a, { text: undefined, value: { verb: 'reprocess', data: { assignmentId: '../../x' } } }),
};

/** `count` activities, each the base damaged by one to three mutations drawn from `rng`; names say which. */
export function damagedActivities(
  rng: Rng,
  base: () => Activity,
  count: number,
): { name: string; activity: Activity }[] {
  const names = Object.keys(MUTATIONS);
  const single = names.map((name) => ({ name, activity: damaged(base(), [name]) }));
  const combos = Array.from({ length: Math.max(0, count - names.length) }, () => {
    const picked = Array.from({ length: rng.between(1, 3) }, () => rng.pick(names));
    return { name: picked.join('+'), activity: damaged(base(), picked) };
  });
  return [...single, ...combos];
}

function damaged(activity: Activity, names: string[]): Activity {
  for (const name of names) (MUTATIONS[name] as Mutation)(activity);
  return activity;
}
