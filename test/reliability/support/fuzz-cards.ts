import { Verbs } from '../../../src/cards/templates';
import { ATTACKS, guidLike, unicodeText } from './fuzz-text';
import { randomGuid, type Rng } from './rng';

/** Keys that try prototype pollution or confuse field lookups. */
export const HOSTILE_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'verb',
  'data',
  'action',
  'assignmentId',
  'requestId',
  'jobId',
  'token',
  'type',
];
const VERB_NAMES = [
  ...Object.values(Verbs),
  'deleteEverything',
  'constructor',
  '__proto__',
  'toString',
  'REPROCESS',
  '',
  ' reprocess',
];
const ID_FIELDS = ['assignmentId', 'requestId', 'jobId'];

const json = (value: unknown) => JSON.stringify(value);

/** Arbitrary JSON (as text, so `__proto__` stays a real key): scalars, attack strings, arrays, hostile objects. */
export function junk(rng: Rng, depth = 0): string {
  const leaf = depth > 3 || rng.chance(0.4);
  if (leaf) {
    switch (rng.int(7)) {
      case 0:
        return json(rng.pick(ATTACKS));
      case 1:
        return json(rng.pick([0, -1, 1e308, 42, 3.14, Number.MAX_SAFE_INTEGER + 2]));
      case 2:
        return rng.pick(['true', 'false', 'null']);
      case 3:
        return json(guidLike(rng));
      case 4:
        return json(unicodeText(rng, rng.between(0, 40)));
      case 5:
        return json('x'.repeat(rng.pick([1_000, 20_000, 60_000])));
      default:
        return json(randomGuid(rng));
    }
  }
  if (rng.chance(0.3)) return `[${Array.from({ length: rng.between(0, 5) }, () => junk(rng, depth + 1)).join(',')}]`;
  const fields = Array.from(
    { length: rng.between(0, 4) },
    () => `${json(rng.pick(HOSTILE_KEYS))}:${junk(rng, depth + 1)}`,
  );
  return `{${fields.join(',')}}`;
}

function data(rng: Rng): string {
  switch (rng.int(6)) {
    case 0:
      return `{${json(rng.pick(ID_FIELDS))}:${json(guidLike(rng))}}`;
    case 1:
      return `{${json(rng.pick(ID_FIELDS))}:${junk(rng, 2)}}`;
    case 2:
      return `{"assignmentId":${json(guidLike(rng))},"__proto__":{"polluted":"yes"}}`;
    case 3:
      return `{"constructor":{"prototype":{"polluted":"yes"}},"requestId":${json(guidLike(rng))}}`;
    case 4:
      return `{"jobId":${json(rng.chance(0.5) ? randomGuid(rng) : rng.pick(ATTACKS))}}`;
    default:
      return junk(rng, 1);
  }
}

function authentication(rng: Rng): string {
  return rng.pick([
    '',
    `,"authentication":${junk(rng, 2)}`,
    `,"authentication":{"id":"x","connectionName":"","token":${json(rng.pick(['eyJhbGciOiJub25lIn0.e30.', 'not-a-token', 'x'.repeat(20_000)]))}}`,
  ]);
}

/** The `value` of an `adaptiveCard/action` invoke, as JSON text: mostly Action.Execute-shaped, often wrong. */
export function cardValue(rng: Rng): string {
  const verb = rng.chance(0.8) ? json(rng.pick(VERB_NAMES)) : junk(rng, 2);
  const type = rng.chance(0.85) ? '"Action.Execute"' : rng.pick(['"Action.Submit"', 'null', '42', '"action.execute"']);
  switch (rng.int(8)) {
    case 0:
      return junk(rng);
    case 1:
      return `{"action":{"type":${type},"verb":${verb}}}`;
    case 2:
      return `{"__proto__":{"polluted":"yes"},"action":{"type":${type},"verb":${verb},"data":${data(rng)}}}`;
    case 3:
      return `{"action":${junk(rng, 1)}${authentication(rng)}}`;
    case 4:
      return `{"action":[${json({ type: 'Action.Execute', verb: Verbs.reprocess, data: { assignmentId: randomGuid(rng) } })}]}`;
    case 5:
      return `{"action":{"type":${type},"verb":${verb},"data":${'['.repeat(200)}${']'.repeat(200)}}}`;
    default:
      return `{"action":{"type":${type},"verb":${verb},"data":${data(rng)}},"trigger":"manual"${authentication(rng)}}`;
  }
}

/** The `value` of a `signin/tokenExchange` invoke, as JSON text, mostly malformed. */
export function tokenExchangeValue(rng: Rng): string {
  return rng.pick([
    junk(rng),
    `{"id":${junk(rng, 3)},"token":${junk(rng, 3)}}`,
    `{"id":"fuzz-${rng.int(1e9)}","connectionName":"","token":"eyJ.x.y"}`,
  ]);
}
