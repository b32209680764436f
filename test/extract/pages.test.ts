import { describe, expect, it } from 'vitest';
import { isFurnitureByShape, recurrenceKey, withoutPageFurniture } from '../../src/extract/pages.js';

/** A browser-printed page: body, then the header and footer the browser draws (pdf.js emits them last). */
function printedPage(body: string[], page: number, total: number): string {
  return [
    ...body,
    `21/03/2024, 10:1${page % 10} A made-up report - Example`,
    `https://example.org/reports/a-made-up-report/section-${page} ${page}/${total}`,
  ].join('\n');
}

describe('withoutPageFurniture', () => {
  it('removes a running print header (timestamp and title) and a print URL with a page counter, keeping the body as it was', () => {
    const bodies = [
      ['Recommendations', 'Recommendation 1', 'The national body should publish', 'the data every quarter.'],
      ['Government response to recommendation 1', 'The government supports this recommendation.'],
      ['Recommendation 2', 'Providers should share it.'],
    ];
    const pages = bodies.map((body, i) => printedPage(body, i + 1, bodies.length));
    expect(withoutPageFurniture(pages)).toEqual(bodies.map((body) => body.join('\n')));
  });

  it('removes page counters of every common shape, on any page, even a single one', () => {
    for (const counter of ['1/20', 'Page 3 of 20', 'page 3 of 20', '3 of 20', 'Page 3', '- 3 -', '– 12 –', '  7 / 84  ']) {
      expect(withoutPageFurniture([`First line\n${counter}\nLast line`])).toEqual(['First line\nLast line']);
    }
  });

  it('removes a line that is only a URL, but keeps URLs inside sentences or brackets', () => {
    const page = [
      'The report',
      '(https://www.example.org/publications/a-report-',
      'with-a-long-address) was published on 28 June 2023.',
      'This publication is available at https://www.example.org/publications/x',
      'https://www.example.org/government/publications/some-report/some-section…',
      'www.example.org/reports/2024',
      'The end.',
    ].join('\n');
    expect(withoutPageFurniture([page])).toEqual([
      [
        'The report',
        '(https://www.example.org/publications/a-report-',
        'with-a-long-address) was published on 28 June 2023.',
        'This publication is available at https://www.example.org/publications/x',
        'The end.',
      ].join('\n'),
    ]);
  });

  it('removes a print timestamp line at the edge of a single page, but keeps dates in the text', () => {
    const page = [
      '11/24/25, 8:19 PM A made-up report - Example',
      'Published 21 March 2024',
      'On 21/03/2024 the board met at 10:15 to agree the plan.',
      'The review was launched on 23 January 2023.',
    ].join('\n');
    expect(withoutPageFurniture([page])).toEqual([page.split('\n').slice(1).join('\n')]);
  });

  it('does not take numbered headings at the tops of pages for a running header', () => {
    const pages = [1, 2, 3, 4].map((n) => `Recommendation ${n}\nSomeone should do thing ${n}.`);
    expect(withoutPageFurniture(pages)).toEqual(pages);
  });

  it('keeps a line repeated in the middle of every page: only the edges hold headers and footers', () => {
    const pages = [1, 2, 3].map((n) =>
      [`Section ${n}`, `Intro ${n}.`, `More ${n}.`, 'This programme should:', `Point ${n}a.`, `Point ${n}b.`, `End ${n}.`].join('\n'),
    );
    expect(withoutPageFurniture(pages)).toEqual(pages);
  });

  it('keeps an edge line that recurs on fewer than half of the pages', () => {
    const pages = [1, 2, 3, 4, 5, 6].map((n) => `Body of page ${n}.\n${n <= 2 ? 'Continued overleaf' : `Closing ${n}.`}`);
    expect(withoutPageFurniture(pages)).toEqual(pages);
  });

  it('removes a running title and a bare page number that recur on most pages, whatever else the page holds', () => {
    const pages = [1, 2, 3, 4].map((n) => `A Made-Up Report Title\nText of page ${n}.\n${n}`);
    const withCover = ['A Made-Up Report Title\nCover', ...pages];
    expect(withoutPageFurniture(withCover)).toEqual(['Cover', ...[1, 2, 3, 4].map((n) => `Text of page ${n}.`)]);
  });

  it('peels a header and footer deeper than the edge window in rounds', () => {
    const furniture = ['A made-up report', 'Chapter heading kept for print', 'Official sensitive', 'Printed copy'];
    const pages = [1, 2, 3].map((n) => [`Body ${n} first.`, `Body ${n} second.`, ...furniture, `${n}/3`].join('\n'));
    expect(withoutPageFurniture(pages)).toEqual([1, 2, 3].map((n) => `Body ${n} first.\nBody ${n} second.`));
  });

  it('leaves empty pages empty, keeps blank lines and the number of pages, and does not change its input', () => {
    const pages = ['', 'Line one\n\nLine three\n3 of 3', ''];
    const copy = [...pages];
    expect(withoutPageFurniture(pages)).toEqual(['', 'Line one\n\nLine three', '']);
    expect(pages).toEqual(copy);
    expect(withoutPageFurniture([])).toEqual([]);
  });

  it('gives the same output for the same input', () => {
    const pages = [1, 2, 3].map((n) => printedPage([`Body ${n}`], n, 3));
    expect(withoutPageFurniture(pages)).toEqual(withoutPageFurniture([...pages]));
  });
});

describe('isFurnitureByShape', () => {
  it('is true for counters and bare URLs, alone or together', () => {
    expect(isFurnitureByShape('https://www.example.org/a/b… 3/20')).toBe(true);
    expect(isFurnitureByShape('Page 2 of 9')).toBe(true);
    expect(isFurnitureByShape('file:///C:/Users/report.html')).toBe(true);
    expect(isFurnitureByShape('https://example.org/2024/03/report 4/20')).toBe(true);
    expect(isFurnitureByShape('1/20 https://example.org/2024/03/report')).toBe(true);
  });

  it('is false for text, blank lines, and lines that merely contain a number or a URL', () => {
    for (const line of ['', '   ', 'Recommendation 3', '3 of 20 trusts replied', 'see https://example.org for more', '2023', '21/03/2024']) {
      expect(isFurnitureByShape(line)).toBe(false);
    }
  });
});

describe('recurrenceKey', () => {
  it('ignores what changes from page to page in a running header: the print time and the page counter', () => {
    expect(recurrenceKey('21/03/2024, 10:15  Report - GOV.UK')).toBe(recurrenceKey('21/03/2024, 10:16 Report - GOV.UK'));
    expect(recurrenceKey('https://example.org/x 1/20')).toBe(recurrenceKey('https://example.org/x 2/20'));
    expect(recurrenceKey('Page 4')).toBe(recurrenceKey('Page 5'));
  });

  it('keeps other numbers, so numbered headings stay distinct', () => {
    expect(recurrenceKey('Recommendation 1')).not.toBe(recurrenceKey('Recommendation 2'));
  });
});
