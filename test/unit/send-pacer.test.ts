import { SendPacer } from '../../src/services/send-pacer';

const served = (n: number) => Array.from({ length: n }, () => 202);
const throttled = (ok: number, refused: number) => [...served(ok), ...Array.from({ length: refused }, () => 429)];

describe('SendPacer', () => {
  it('does not delay anything until Graph throttles', () => {
    const pacer = new SendPacer();
    for (let i = 0; i < 5; i++) {
      expect(pacer.reserve(20, 1_000 + i)).toBe(0);
      pacer.observe(served(20), 1_000 + i);
    }
  });

  it('after throttling, paces sends near 1.1x the rate Graph served', () => {
    const pacer = new SendPacer();
    let now = 0;
    pacer.reserve(20, now);
    // Graph serves 100 items per second: ten batches of 20, one every 200 ms, the last ones partly refused.
    for (let i = 1; i <= 10; i++) {
      now = i * 200;
      pacer.observe(i < 10 ? served(20) : throttled(10, 10), now);
    }
    // The last nine batches served 8 * 20 + 10 = 170 items in 1.8 s: about 94/s, paced at 1.1x ≈ 104/s.
    expect(pacer.reserve(20, now)).toBe(0);
    const wait = pacer.reserve(20, now);
    const perSecond = 20 / (wait / 1000);
    expect(perSecond).toBeGreaterThan(95);
    expect(perSecond).toBeLessThan(115);
  });

  it('never paces below one batch per second, and speeds up 5% per unthrottled batch', () => {
    const pacer = new SendPacer();
    pacer.reserve(20, 0);
    for (let i = 1; i <= 3; i++) pacer.observe(throttled(0, 20), i * 1000);
    pacer.reserve(20, 3_000);
    expect(pacer.reserve(20, 3_000)).toBe(1_000);
    pacer.observe(served(20), 3_000);
    const next = pacer.reserve(20, 3_000);
    expect(next).toBeGreaterThan(1_000);
    expect(pacer.reserve(20, 3_000) - next).toBeCloseTo(1_000 / 1.05, 0);
  });
});
