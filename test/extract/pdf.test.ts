import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { withoutPageFurniture } from '../../src/extract/pages.js';
import { PdfReadError, readPdfPages } from '../../src/extract/pdf.js';

/** Fixtures are named as a user would name them on the command line. */
const REPORTS = 'fixtures/reports';

function fixture(name: string): Uint8Array {
  return readFileSync(new URL(`../../${REPORTS}/${name}`, import.meta.url));
}

async function readFixture(name: string): Promise<string[]> {
  return readPdfPages(fixture(name), `${REPORTS}/${name}`);
}

async function readError(name: string, bytes = fixture(name)): Promise<unknown> {
  return readPdfPages(bytes, `${REPORTS}/${name}`).then(
    () => expect.fail(`${name} was read`),
    (error: unknown) => error,
  );
}

const SHAPE_OF_FURNITURE = /^(?:https?:\/\/\S+(?:\s+\d+\/\d+)?|\d+\/\d+|\d{1,2}\/\d{1,2}\/\d{2,4}, \d{1,2}:\d{2}.*)$/;

describe('readPdfPages: the government response to the rapid review (browser-printed, 20 pages)', () => {
  const name = 'rapid-review-government-response.pdf';

  it('gives one string per page, with the browser header and footer still in (furniture is pages.ts’s job)', async () => {
    const pages = await readFixture(name);
    expect(pages).toHaveLength(20);
    expect(pages.every((page) => page.split('\n').some((line) => /^https:\/\/\S+ \d+\/20$/.test(line)))).toBe(true);
  });

  it('after furniture removal, has each of the 13 recommendations and responses as a heading on its own line, in order', async () => {
    const pages = withoutPageFurniture(await readFixture(name));
    const headings = pages.flatMap((page, index) =>
      page
        .split('\n')
        .filter((line) => /^(?:Government response to recommendation|Recommendation) \d+$/.test(line))
        .map((line) => `${index + 1}: ${line}`),
    );
    const expected = Array.from({ length: 13 }, (_, i) => [`Recommendation ${i + 1}`, `Government response to recommendation ${i + 1}`]).flat();
    expect(headings.map((heading) => heading.replace(/^\d+: /, ''))).toEqual(expected);
    expect(headings[0]).toBe('4: Recommendation 1');
  });

  it('after furniture removal, has no print URL, page counter or print timestamp line left, and no blank page', async () => {
    const pages = withoutPageFurniture(await readFixture(name));
    const leftovers = pages.flatMap((page) => page.split('\n').filter((line) => SHAPE_OF_FURNITURE.test(line)));
    expect(leftovers).toEqual([]);
    expect(pages.every((page) => page.trim() !== '')).toBe(true);
  });

  it('keeps the text of a recommendation line by line, and the title on the first page', async () => {
    const pages = withoutPageFurniture(await readFixture(name));
    expect(pages[0].split('\n').slice(0, 4)).toEqual([
      'Policy paper',
      'Government response to the',
      'rapid review into data on mental',
      'health inpatient settings',
    ]);
    expect(pages[3]).toContain('Recommendation 1\nNHS England should establish a programme of work, co-produced with\n');
  });

  it('reads the same bytes to the same pages', async () => {
    expect(await readFixture(name)).toEqual(await readFixture(name));
  });
});

describe('readPdfPages: a small made-up printed report', () => {
  it('rebuilds the lines, joins pieces drawn apart on one baseline with a space, and leaves the furniture to pages.ts', async () => {
    const pages = await readFixture('printed_pages.pdf');
    expect(pages).toHaveLength(3);
    expect(pages[1].split('\n')).toEqual([
      'Response to recommendation 1',
      'We support this recommendation.',
      'Recommendation 2',
      'Providers should share it.',
      '21/03/2024, 10:15 A made-up report - Example',
      'https://example.org/reports/a-made-up-report 2/3',
    ]);
    expect(withoutPageFurniture(pages)).toEqual([
      'Recommendations\nRecommendation 1\nThe national body should publish the data\nevery quarter.',
      'Response to recommendation 1\nWe support this recommendation.\nRecommendation 2\nProviders should share it.',
      'Response to recommendation 2\nWe support this in part.',
    ]);
  });

  it('reads a PDF encrypted with an owner password only: it opens without one, as in any viewer', async () => {
    expect(await readFixture('owner_password_only.pdf')).toEqual(await readFixture('printed_pages.pdf'));
  });

  it('gives an empty string for a page with no text layer (a scan)', async () => {
    expect(await readFixture('scanned.pdf')).toEqual(['']);
  });

  it('does not change or detach the caller’s bytes', async () => {
    const bytes = fixture('printed_pages.pdf');
    const before = Uint8Array.from(bytes);
    await readPdfPages(bytes, 'printed_pages.pdf');
    expect(bytes.byteLength).toBe(before.byteLength);
    expect(Uint8Array.from(bytes)).toEqual(before);
  });
});

describe('readPdfPages: files that cannot be read', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    ['not_a_pdf.pdf', 'it is not a PDF (no %PDF- header)'],
    ['truncated.pdf', 'it is damaged or truncated'],
    ['encrypted.pdf', 'it is encrypted (it needs a password)'],
  ])('%s: a one-line user error naming the file, exit code 2', async (name, reason) => {
    const error = await readError(name);
    expect(error).toBeInstanceOf(PdfReadError);
    expect(isUserError(error)).toBe(true);
    expect((error as PdfReadError).exitCode).toBe(2);
    expect((error as PdfReadError).message).toBe(`${REPORTS}/${name}: cannot read PDF: ${reason}`);
  });

  it('an empty file is not a PDF', async () => {
    const error = await readError('empty.pdf', new Uint8Array(0));
    expect((error as PdfReadError).message).toBe(`${REPORTS}/empty.pdf: cannot read PDF: it is not a PDF (no %PDF- header)`);
  });

  it('prints nothing while failing: pdf.js warnings would corrupt JSON written to stdout', async () => {
    const log = vi.spyOn(console, 'log');
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    await readError('truncated.pdf');
    await readFixture('rapid-review-government-response.pdf');
    expect([...log.mock.calls, ...warn.mock.calls, ...error.mock.calls]).toEqual([]);
  });
});
