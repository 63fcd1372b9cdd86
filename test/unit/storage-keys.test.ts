import { decodePart, encodePart, storageKey } from '../../src/storage/keys';

describe('storage keys', () => {
  it('parts that would join to the same string give different keys', () => {
    expect(storageKey('activity', 'a:victim', '1/2')).not.toBe(storageKey('activity', 'a:victim/1', '2'));
    expect(storageKey('x', 'a%2F')).not.toBe(storageKey('x', 'a/'));
  });

  it('any part encodes without throwing, lone surrogates included, and decodes back', () => {
    for (const part of [
      '\ud800',
      'a\udfffb',
      '😀',
      '%',
      '%0041',
      '',
      'ä/ö?#',
      '0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f',
    ]) {
      expect(decodePart(encodePart(part))).toBe(part);
      expect(encodePart(part)).toMatch(/^[A-Za-z0-9_.%-]*$/);
    }
    expect(encodePart('\ud800')).not.toBe(encodePart('\ud801'));
  });

  it('a GUID is its own encoding (blob names and partitions written before stay the same)', () => {
    expect(encodePart('0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f')).toBe('0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f');
  });
});
