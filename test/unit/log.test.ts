import { Writable } from 'node:stream';
import { createLogger, scrubTokens } from '../../src/log';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJ4In0.c2lnbmF0dXJlLXZhbHVl';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('debug', stream), text: () => lines.join('') };
}

describe('logger', () => {
  it('a token never reaches the log, whether in a message, a field, nested or in an error', () => {
    const { log, text } = capture();
    log.info(`got ${JWT}`);
    log.info({ token: JWT, nested: { deeper: [`Bearer ${JWT}`] }, authorization: `Bearer ${JWT}` }, 'fields');
    log.error({ err: new Error(`failed with ${JWT}`) }, 'error');
    expect(text()).not.toContain('eyJ');
    expect(text()).toContain('[token]');
  });

  it('keeps ordinary text intact', () => {
    expect(scrubTokens('reprocess d82eb508-acc4-43cc-bcf1-7c1c4a2c073b')).toBe(
      'reprocess d82eb508-acc4-43cc-bcf1-7c1c4a2c073b',
    );
  });
});
