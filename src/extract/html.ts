import { loadOnFirstUse } from '../lazy.js';

const htmlToText = loadOnFirstUse<typeof import('html-to-text')>('html-to-text');

/**
 * A web page as the recognisers want it: one block per line, headings and list items on lines of
 * their own, links as their text only (a print URL beside every link would split sentences).
 */
export function htmlToPlainText(html: string): string {
  return htmlToText().convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'nav', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'h4', options: { uppercase: false } },
      { selector: 'h5', options: { uppercase: false } },
      { selector: 'h6', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable' },
    ],
  });
}
