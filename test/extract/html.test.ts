import { describe, expect, it } from 'vitest';
import { htmlToPlainText } from '../../src/extract/html.js';

describe('htmlToPlainText', () => {
  it('puts headings and list items on lines of their own, keeps their case, and drops link targets and scripts', () => {
    const html = `<html><head><style>p{}</style><script>var x = 1;</script></head><body>
      <nav>Home | Contents</nav>
      <h2>Recommendation 1</h2>
      <p>NHS England should publish <a href="https://example.org/x">the data</a> every year.</p>
      <ul><li>first item</li><li>second &amp; last</li></ul>
    </body></html>`;
    const lines = htmlToPlainText(html).split('\n').filter((line) => line.trim() !== '');
    expect(lines).toEqual(['Recommendation 1', 'NHS England should publish the data every year.', ' * first item', ' * second & last']);
  });
});
