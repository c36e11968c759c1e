// byteaFromText against the server's own text output: every byte value, in both bytea_output formats, must come
// back as the bytes that went in (the same bytes pg's own Query decodes).
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byteaFromText } from '../../../actors/keys/postgres/byteaFromText.js';
import { queryTextRows } from '../../../actors/postgres/index.js';
import { TEST_DATABASE_URL } from '../../support/postgres.js';

describe('byteaFromText', () => {
  const clients: Record<'hex' | 'escape', pg.Client> = {
    hex: new pg.Client({ connectionString: TEST_DATABASE_URL, options: '-c bytea_output=hex' }),
    escape: new pg.Client({ connectionString: TEST_DATABASE_URL, options: '-c bytea_output=escape' }),
  };
  beforeAll(() => Promise.all(Object.values(clients).map((client) => client.connect())));
  afterAll(() => Promise.all(Object.values(clients).map((client) => client.end())));

  const asText = async (format: 'hex' | 'escape', bytes: Uint8Array): Promise<string> => {
    const rows = await queryTextRows(clients[format], { text: 'select decode($1, $2)' }, [Buffer.from(bytes).toString('hex'), 'hex']);
    return rows[0]![0]!;
  };

  it.each(['hex', 'escape'] as const)('decodes the %s format: every byte value, the empty value', async (format) => {
    const every = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const text = await asText(format, every);
    expect(text.startsWith('\\x')).toBe(format === 'hex');
    expect(byteaFromText(text).equals(every)).toBe(true);
    expect(byteaFromText(await asText(format, new Uint8Array(0)))).toHaveLength(0);
    // Backslashes in a row, and escapes next to the digits they could be confused with.
    const tricky = Buffer.from([0x5c, 0x5c, 0x5c, 0x00, 0x30, 0x30, 0x37, 0x5c, 0x37, 0x5c]);
    expect(byteaFromText(await asText(format, tricky)).equals(tricky)).toBe(true);
  });

  it.each(['hex', 'escape'] as const)('agrees with pg on random byte strings (%s format)', async (format) => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 80 }), async (bytes) => {
        const text = await asText(format, bytes);
        const decoded = byteaFromText(text);
        expect(decoded.equals(Buffer.from(bytes))).toBe(true);
        expect(decoded.equals(pg.types.getTypeParser(17, 'text')(text) as Buffer)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses text that is neither format', () => {
    expect(() => byteaFromText('ab\\9cd')).toThrow(/escape format/);
    expect(() => byteaFromText('ab\\')).toThrow(/escape format/);
    expect(byteaFromText('ab').toString('latin1')).toBe('ab');
  });
});
