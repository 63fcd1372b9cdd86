import { closingAfterEach, fakeClock, winners, type StorageFactory } from './fixtures';

const MINUTE = 60_000;

/** The {@link BotStore} contract: dedupe writes once, TTLs expire, take hands an item out once. */
export function botStoreContract(factory: StorageFactory): void {
  describe('BotStore', () => {
    const open = closingAfterEach(factory);

    test('set, get and delete round-trip a JSON value', async () => {
      const { store } = await open();
      expect(await store.get('missing')).toBeUndefined();
      await store.set('pending/u1', { verb: 'reprocess', id: 'a' }, MINUTE);
      await store.set('pending/u1', { verb: 'status', id: 'b' }, MINUTE);
      expect(await store.get('pending/u1')).toEqual({ verb: 'status', id: 'b' });
      await store.delete('pending/u1');
      await store.delete('pending/u1');
      expect(await store.get('pending/u1')).toBeUndefined();
    });

    test('createIfAbsent writes once and keeps the first value', async () => {
      const { store } = await open();
      expect(await store.createIfAbsent('activity/c/1', { first: true }, MINUTE)).toBe(true);
      expect(await store.createIfAbsent('activity/c/1', { first: false }, MINUTE)).toBe(false);
      expect(await store.get('activity/c/1')).toEqual({ first: true });
    });

    test('ten concurrent createIfAbsent calls on one key: exactly one wins', async () => {
      const { store } = await open();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.createIfAbsent('tokenExchange/u/x', i, MINUTE)),
      );
      expect(winners(results)).toBe(1);
    });

    test('an expired key reads as absent and can be created again', async () => {
      const clock = fakeClock();
      const { store } = await open({ now: clock.now });
      await store.createIfAbsent('click/k', 'old', 1_000);
      clock.advance(999);
      expect(await store.get('click/k')).toBe('old');
      clock.advance(1);
      expect(await store.get('click/k')).toBeUndefined();
      expect(await store.createIfAbsent('click/k', 'new', 1_000)).toBe(true);
      expect(await store.get('click/k')).toBe('new');
    });

    test('racers replacing one expired key: exactly one wins', async () => {
      const clock = fakeClock();
      const { store } = await open({ now: clock.now });
      await store.createIfAbsent('dedupe/stale', 'old', 1_000);
      clock.advance(5_000);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.createIfAbsent('dedupe/stale', i, MINUTE)),
      );
      expect(winners(results)).toBe(1);
    });

    test('a short TTL expires in real time', async () => {
      const { store } = await open();
      // Long enough that the read right after the write lands inside it on a loaded machine (Azurite included).
      await store.set('short', 'soon gone', 1_500);
      expect(await store.get('short')).toBe('soon gone');
      await new Promise((r) => setTimeout(r, 2_000));
      expect(await store.get('short')).toBeUndefined();
      expect(await store.take('short')).toBeUndefined();
    });

    test('take returns the value once', async () => {
      const { store } = await open();
      expect(await store.take('pending/none')).toBeUndefined();
      await store.set('pending/u2', { text: 'reprocess 1' }, MINUTE);
      expect(await store.take('pending/u2')).toEqual({ text: 'reprocess 1' });
      expect(await store.take('pending/u2')).toBeUndefined();
      expect(await store.get('pending/u2')).toBeUndefined();
    });

    test('ten concurrent takes of one item: exactly one gets it', async () => {
      const { store } = await open();
      await store.set('pending/u3', 'run me once', MINUTE);
      const results = await Promise.all(Array.from({ length: 10 }, () => store.take<string>('pending/u3')));
      expect(results.filter((r) => r === 'run me once')).toHaveLength(1);
      expect(winners(results)).toBe(1);
    });

    test('stored values are copies: mutating what was written or read changes nothing', async () => {
      const { store } = await open();
      const value = { done: false, card: { body: ['a'] } };
      await store.set('ledger/1', value, MINUTE);
      value.card.body.push('mutated');
      const read = await store.get<typeof value>('ledger/1');
      read?.card.body.push('mutated too');
      expect(await store.get('ledger/1')).toEqual({ done: false, card: { body: ['a'] } });
    });

    test('update applies every change of ten concurrent writers (compare-and-swap), and honours the TTL', async () => {
      const clock = fakeClock();
      const { store } = await open({ now: clock.now });
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.update<number[]>('posted/c', (ids = []) => [...ids, i], MINUTE)),
      );
      expect((await store.get<number[]>('posted/c'))?.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await store.update<number[]>('posted/c', (ids = []) => ids.slice(-2), 1_000)).toHaveLength(2);
      clock.advance(1_000);
      expect(await store.update<number[]>('posted/c', (ids = []) => [...ids, 42], MINUTE)).toEqual([42]);
    });

    test('keys with slashes, unicode and great length are distinct keys', async () => {
      const { store } = await open();
      const keys = ['a/b', 'a%2Fb', 'ä/ö?#', 'x'.repeat(2_000)];
      for (const key of keys) await store.set(key, key, MINUTE);
      for (const key of keys) expect(await store.get(key)).toBe(key);
    });
  });
}
