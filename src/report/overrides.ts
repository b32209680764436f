import type { OverridesSummary } from '../overrides/types.js';

/** How many entries of each list the text formats show; JSON lists them all. */
const SHOWN = 10;

/**
 * The "Overrides applied" lines of the text formats, one per kind of override that the file has:
 * what took effect (with ids, the first few) and how many entries were skipped (each was warned
 * about on standard error). Plain text; each renderer escapes and styles it.
 */
export function overridesLines(summary: OverridesSummary): string[] {
  const lines: string[] = [];
  const add = (what: string, counts: { applied: number; skipped: number }, shown: string[]) => {
    if (counts.applied + counts.skipped === 0) return;
    const listed = shown.slice(0, SHOWN).join('; ') + (shown.length > SHOWN ? `; … and ${shown.length - SHOWN} more` : '');
    const skipped = counts.skipped > 0 ? ` (${counts.skipped} skipped)` : '';
    lines.push(`${what}: ${counts.applied}${skipped}${listed ? ` — ${listed}` : ''}`);
  };
  add('must-link pairs', summary.mustLink, summary.mustLink.pairs.map(([a, b]) => `${a} + ${b}`));
  add('cannot-link pairs', summary.cannotLink, summary.cannotLink.pairs.map(([a, b]) => `${a} / ${b}`));
  add('pinned items', summary.pin, summary.pin.items.map((p) => `${p.id} → ${p.to}`));
  add('renamed', summary.rename, summary.rename.labels.map((r) => `${r.id} "${r.label}"`));
  return lines.length > 0 ? lines : ['none: the overrides file is empty'];
}
