import { normaliseText, parseCommand } from '../../src/bot/commands';
import { isGuid, normalizeId } from '../../src/services/ids';

const ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';

describe('parseCommand', () => {
  it.each([
    [`reprocess ${ID}`],
    [`REPROCESS ${ID.toUpperCase()}`],
    [`  Reprocess   ${ID}  `],
    [`reprocess {${ID}}`],
    [`<at>Reprocess</at> reprocess ${ID}`],
    [`reprocess\u00a0${ID}`],
  ])('reads a reprocess command from %j', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'reprocess', assignmentId: ID });
  });

  it.each([['reprocess'], ['reprocess 123'], ['reprocess ../../users'], [`reprocess ${ID}x`]])(
    'reports an invalid id for %j without accepting it',
    (text) => {
      const parsed = parseCommand(text);
      expect(parsed.kind).toBe('invalidArgument');
    },
  );

  it('keeps the typed input of an invalid id so the card can show it (Teams sends typed markup as entities)', () => {
    expect(parseCommand('reprocess &lt;b&gt;nope&lt;/b&gt;')).toEqual({
      kind: 'invalidArgument',
      command: 'reprocess',
      input: '<b>nope</b>',
    });
    expect(parseCommand('reprocess <b>nope</b>')).toEqual({
      kind: 'invalidArgument',
      command: 'reprocess',
      input: 'nope',
    });
  });

  it.each([['help'], ['HELP'], [' ? ']])('reads help from %j', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'help' });
  });

  it.each([['signout'], ['Sign out'], ['logout']])('reads signout from %j', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'signout' });
  });

  it.each([[''], [undefined], ['hello'], [`please reprocess ${ID}`], ['reprocessing'], ['helpme']])(
    'treats %j as unknown (anchored, no substring matches)',
    (text) => {
      expect(parseCommand(text)).toEqual({ kind: 'unknown' });
    },
  );
});

describe('isGuid', () => {
  it('accepts canonical GUIDs in any case and rejects everything else', () => {
    expect(isGuid(ID)).toBe(true);
    expect(isGuid(ID.toUpperCase())).toBe(true);
    expect(isGuid(ID.replace(/-/g, ''))).toBe(false);
    expect(isGuid(`${ID}\n`)).toBe(false);
    expect(isGuid('')).toBe(false);
  });

  it('normalizeId removes braces and lowers the case of a GUID, and leaves anything else as typed', () => {
    expect(normalizeId(` {${ID.toUpperCase()}} `)).toBe(ID);
    expect(normalizeId(ID)).toBe(ID);
    expect(normalizeId(' Sales Team ')).toBe('Sales Team');
    expect(normalizeId('{nope}')).toBe('{nope}');
  });
});

describe('status and request commands', () => {
  it('reads status and reprocess request commands', () => {
    expect(parseCommand(`status ${ID}`)).toEqual({ kind: 'status', assignmentId: ID });
    expect(parseCommand(`Reprocess Request ${ID}`)).toEqual({ kind: 'reprocessRequest', requestId: ID });
    expect(parseCommand('reprocess request nope')).toEqual({
      kind: 'invalidArgument',
      command: 'reprocessRequest',
      input: 'nope',
    });
    expect(parseCommand('status')).toEqual({ kind: 'invalidArgument', command: 'status', input: '' });
  });
});

describe('bulk commands', () => {
  const ID2 = '6e1d7c8b-9a0f-4e1d-9ccb-af9a8b7c6d54';
  it('reads several ids separated by spaces, commas, semicolons and new lines; duplicates count once', () => {
    expect(parseCommand(`reprocess ${ID}, ${ID2.toUpperCase()};\n{${ID}}  ${ID2}`)).toEqual({
      kind: 'bulkIds',
      ids: [ID, ID2],
      skipped: [],
    });
  });

  it('lists what is not an id as skipped', () => {
    expect(parseCommand(`reprocess ${ID} nope ../../users ${ID2} nope`)).toEqual({
      kind: 'bulkIds',
      ids: [ID, ID2],
      skipped: ['nope', '../../users'],
    });
  });

  it('reads ids pasted as HTML paragraphs (Teams rich text)', () => {
    expect(parseCommand(`<p>reprocess ${ID}</p><p>${ID2}</p>`)).toEqual({
      kind: 'bulkIds',
      ids: [ID, ID2],
      skipped: [],
    });
  });

  it('reads reprocess package <id>, braces and upper case included', () => {
    expect(parseCommand(`reprocess package ${ID}`)).toEqual({ kind: 'bulkPackage', accessPackageId: ID });
    expect(parseCommand(`reprocess package {${ID.toUpperCase()}}`)).toEqual({
      kind: 'bulkPackage',
      accessPackageId: ID,
    });
  });

  it('reads anything else after reprocess package as a display name, quotes and all', () => {
    expect(parseCommand('reprocess package sales')).toEqual({ kind: 'bulkPackage', name: 'sales' });
    expect(parseCommand("<at>Reprocess</at> reprocess package  O'Brien's Team\n")).toEqual({
      kind: 'bulkPackage',
      name: "O'Brien's Team",
    });
  });

  it('refuses reprocess package with nothing after it', () => {
    expect(parseCommand('reprocess package')).toEqual({ kind: 'invalidArgument', command: 'bulkPackage', input: '' });
    expect(parseCommand('reprocess package   ')).toEqual({
      kind: 'invalidArgument',
      command: 'bulkPackage',
      input: '',
    });
  });

  it('reads history', () => {
    expect(parseCommand(' History ')).toEqual({ kind: 'history' });
  });
});

describe('one normaliser for whatever Teams does to the text', () => {
  const plain = parseCommand(`reprocess ${ID}`);
  it.each([
    ['a trailing new line', `reprocess ${ID}\n`],
    ['CRLF around it', `\r\nreprocess ${ID}\r\n`],
    ['a trailing space', `reprocess ${ID} `],
    ['an &nbsp; entity', `reprocess&nbsp;${ID}`],
    ['a raw NBSP and a zero-width space', `reprocess\u00a0${ID}\u200b`],
    ['the bot mention (channel)', `<at>Reprocess</at> reprocess ${ID}`],
    ['a mention with &nbsp; after it (channel HTML copy)', `<at>Reprocess</at>&nbsp;reprocess ${ID}`],
    ['another person mentioned too', `<at>Reprocess</at> <at>Megan Bowen</at> reprocess ${ID}`],
    ['HTML paragraphs and spans', `<p>reprocess <span style="font-size:inherit">${ID}</span></p>`],
    ['bold markup', `<b>reprocess</b> ${ID}`],
    ['numeric entities', `reprocess&#32;${ID}&#x0A;`],
  ])('%s gives exactly the plain outcome', (_name, text) => {
    expect(parseCommand(text)).toEqual(plain);
  });

  it('normaliseText leaves typed text readable: tags stripped, entities decoded, lines kept', () => {
    expect(normaliseText('<p>a &amp; b</p><p>c&nbsp;d</p>\r\n')).toBe('a & b\n\nc d');
    expect(normaliseText('&unknown; &#0; stays')).toBe('&unknown; &#0; stays');
  });

  it('reads hostile text in linear time: 200,000 unclosed tags, mentions and entities are parsed at all', () => {
    // A backtracking pattern would take hours here; the test's 30 s are a generous bound, not a speed target.
    for (const unit of ['<', '<at>', '<p', '&amp', '&#1']) {
      expect(parseCommand(`reprocess ${unit.repeat(200_000 / unit.length)}`).kind).toBe('invalidArgument');
    }
  }, 30_000);
});
