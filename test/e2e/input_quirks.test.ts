import { describe, expect, it } from 'vitest';
import { fixture, recdedup } from './run.js';

const json = (args: string[]) => {
  const run = recdedup(['themes', ...args, '--format', 'json']);
  expect(run.code, run.stderr).toBe(0);
  return { report: JSON.parse(run.stdout), stderr: run.stderr };
};

describe('inputs that must be read correctly', () => {
  it.each(['utf8_bom.csv', 'crlf_newlines.csv', 'quoted_newlines.csv', 'tab_separated.tsv', 'array.json', 'lines.jsonl'])('%s', (name) => {
    const { report, stderr } = json([fixture(`quirks/${name}`)]);
    expect(stderr).toBe('');
    expect(report.items.length).toBeGreaterThan(0);
    expect(report.items.every((i: { id: string }) => !i.id.startsWith('\uFEFF'))).toBe(true);
  });

  it('utf8_bom.csv: the first header is read without its BOM', () => {
    const plain = json([fixture('quirks/crlf_newlines.csv')]).report;
    const bom = json([fixture('quirks/utf8_bom.csv')]).report;
    expect(bom.items[0].id).not.toMatch(/#/);
    expect(plain.items[0].id).not.toMatch(/#/);
  });

  it('quoted_newlines.csv: a field with newlines stays one item', () => {
    const { report } = json([fixture('quirks/quoted_newlines.csv')]);
    const members = report.themes.flatMap((t: any) => t.groups).flatMap((g: any) => g.members);
    expect(members.some((m: { text: string }) => m.text.includes('\n'))).toBe(true);
  });

  it('same_recipient.csv: a borderline pair to the same body from two reports groups; to different bodies, or within one report, it does not', () => {
    const groupOf = (report: { items: { id: string; group: string }[] }) => new Map(report.items.map((i) => [i.id, i.group]));
    const together = (groups: Map<string, string>, a: string, b: string) => groups.get(a) === groups.get(b);
    // Each concern here is one sentence; read as concerns are (passages), where the pair score's
    // recipient term was measured, not as a list of one-line items.
    const weighted = groupOf(json([fixture('quirks/same_recipient.csv'), '--text-unit', 'paragraph']).report);
    const unweighted = groupOf(json([fixture('quirks/same_recipient.csv'), '--text-unit', 'paragraph', '--recipient-weight', '0']).report);
    expect(together(weighted, 'handover-2019', 'handover-2021')).toBe(true);
    expect(together(unweighted, 'handover-2019', 'handover-2021')).toBe(false);
    expect(together(weighted, 'lighting-2018', 'lighting-2022')).toBe(false);
    expect(together(weighted, 'prison-2023a', 'prison-2023b')).toBe(false);
  });

  it('one_sentence_items.csv: a list of one-line items is read as sentences, which keeps a different ask on the same subject apart', () => {
    const groupOf = (report: { items: { id: string; group: string }[] }) => new Map(report.items.map((i) => [i.id, i.group]));
    const auto = json([fixture('quirks/one_sentence_items.csv')]).report;
    expect(auto.parameters).toMatchObject({ textUnit: 'sentence', threshold: 0.53, charWeight: 0.8 });
    const asSentences = groupOf(auto);
    // A near-copy and a rewording group either way; funding the removal of ligature points is not
    // auditing them, and only the paragraph profile, with its lower cut and word-led score, joins them.
    expect(asSentences.get('ligature-2019')).toBe(asSentences.get('ligature-2023'));
    expect(asSentences.get('handover-2020')).toBe(asSentences.get('handover-2024'));
    expect(asSentences.get('ligfund-2022')).not.toBe(asSentences.get('ligature-2019'));
    const paragraphs = json([fixture('quirks/one_sentence_items.csv'), '--text-unit', 'paragraph']).report;
    expect(paragraphs.parameters).toMatchObject({ textUnit: 'paragraph', threshold: 0.35, charWeight: 0.3 });
    expect(groupOf(paragraphs).get('ligfund-2022')).toBe(groupOf(paragraphs).get('ligature-2019'));
    // A flag given wins over the unit's default, the other default stays.
    expect(json([fixture('quirks/one_sentence_items.csv'), '--threshold', '0.4']).report.parameters).toMatchObject({ textUnit: 'sentence', threshold: 0.4, charWeight: 0.8 });
    // Passages (the seed recommendations: one to a dozen sentences each) stay paragraphs.
    expect(json([fixture('seeds/recommendations.csv')]).report.parameters).toMatchObject({ textUnit: 'paragraph', threshold: 0.35, charWeight: 0.3 });
  });

  it('form_tail.csv: different concerns that each run on into the PFD form\'s closing sections are not grouped by the form\'s words', () => {
    const { report } = json([fixture('quirks/form_tail.csv')]);
    expect(new Set(report.items.map((i: { group: string }) => i.group)).size).toBe(3);
    // The report still shows each text whole: only the analysis leaves the form out.
    const members = report.themes.flatMap((t: { groups: { members: { text: string }[] }[] }) => t.groups.flatMap((g) => g.members));
    expect(members.every((m: { text: string }) => m.text.includes('YOUR RESPONSE'))).toBe(true);
  });

  it('split_fragments.csv: addressee lines, unfinished clauses and trailing lead-ins left by splits do not make recurring groups', () => {
    const { report } = json([fixture('quirks/split_fragments.csv')]);
    expect(report.stats.recurringGroups).toBe(0);
    expect(new Set(report.items.map((i: { group: string }) => i.group)).size).toBe(report.items.length);
    // The fragments stay in the report, each a group of its own, marked as stating no concern.
    expect(report.stats.boilerplateItems).toBe(4);
  });

  it('cover_notes.csv: sentences saying what is enclosed with a report do not make a recurring group', () => {
    const { report } = json([fixture('quirks/cover_notes.csv')]);
    expect(report.stats.recurringGroups).toBe(0);
    // Three items are only a cover note; a concern with an attachment in brackets keeps its words.
    const groups: { boilerplateOnly?: boolean; members: { id: string }[] }[] = report.themes.flatMap((t: { groups: unknown[] }) => t.groups);
    const noConcern = groups.filter((g) => g.boilerplateOnly).flatMap((g) => g.members.map((m) => m.id));
    expect(noConcern.sort()).toEqual(['carrow-2023-c1', 'linmouth-2019-c2', 'linmouth-2019-c4']);
    expect(report.stats.boilerplateItems).toBe(3);
  });

  it('procedural_repeat.csv: a coroner’s own formula repeated in two reports does not make a recurring group', () => {
    const { report } = json([fixture('quirks/procedural_repeat.csv')]);
    expect(report.stats.recurringGroups).toBe(0);
    const repeated = report.boilerplate.filter((b: { repeated?: boolean }) => b.repeated);
    expect(repeated.map((b: { text: string; sources: number }) => [b.text.slice(0, 40), b.sources])).toEqual([['I consider that the issues raised in thi', 2]]);
    // Their concerns are what is left of them: they still state one.
    expect(report.stats.boilerplateItems).toBe(0);
  });

  it('header_aliases.csv: columns are found by their common names', () => {
    const { report } = json([fixture('quirks/header_aliases.csv')]);
    const member = report.themes[0].groups[0].members[0];
    expect(member.source).not.toBe('header_aliases.csv');
    expect(member.year).not.toBeNull();
  });

  it('empty_text_rows.csv: empty rows are skipped with one counted warning', () => {
    const { report, stderr } = json([fixture('quirks/empty_text_rows.csv')]);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/skipped 3 rows with empty text/);
    expect(report.stats.skipped).toBe(3);
    expect(report.items).toHaveLength(5);
  });

  it('duplicate_ids.csv: duplicate ids are made unique with a warning', () => {
    const { report, stderr } = json([fixture('quirks/duplicate_ids.csv')]);
    const ids = report.items.map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(stderr).toMatch(/duplicate ids made unique/);
  });

  it('windows1252.csv: decoded with a warning, curly quotes intact', () => {
    const { report, stderr } = json([fixture('quirks/windows1252.csv')]);
    expect(stderr).toMatch(/decoded as Windows-1252/);
    expect(JSON.stringify(report.themes)).toMatch(/[\u2018\u2019\u201c\u201d\u2013£é]/);
  });

  it('utf16_unicode_text.tsv: a spreadsheet\'s UTF-16 "Unicode text" export gives the report of the same rows in UTF-8, with a warning', () => {
    const { report, stderr } = json([fixture('quirks/utf16_unicode_text.tsv')]);
    expect(stderr).toMatch(/^recdedup: warning: .*utf16_unicode_text\.tsv: decoded as UTF-16 \(little-endian\)\n$/);
    const utf8 = json([fixture('quirks/tab_separated.tsv')]).report;
    const rows = (r: { items: { id: string; group: string; text: string }[] }) => r.items.map((i) => [i.id, i.group, i.text]);
    expect(rows(report)).toEqual(rows(utf8));
  });

  it('title_row_above_header.csv: a title and a notes row above a semicolon-separated table are skipped with one warning naming the header\'s line', () => {
    const { report, stderr } = json([fixture('quirks/title_row_above_header.csv')]);
    expect(stderr).toMatch(/^recdedup: warning: .*title_row_above_header\.csv: the header is on line 4; the 2 rows above it were skipped \(a title or notes above the table\)\n$/);
    const plain = json([fixture('quirks/tab_separated.tsv')]).report;
    const rows = (r: { items: { id: string; group: string; text: string }[] }) => r.items.map((i) => [i.id, i.group, i.text]);
    expect(rows(report)).toEqual(rows(plain));
  });

  it('reads CSV from standard input with -', () => {
    const run = recdedup(['themes', '-', '--format', 'json'], { input: 'id,text\na,Staff should be trained\nb,Staff must be trained\n' });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).items.map((i: { id: string }) => i.id)).toEqual(['a', 'b']);
  });
});

describe('bad input: one line naming file, line and column, exit 2', () => {
  const expectUserError = (args: string[], pattern: RegExp) => {
    const run = recdedup(['themes', ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(pattern);
    expect(run.stderr).not.toMatch(/\s+at .*\(.*:\d+:\d+\)/);
  };

  it('unterminated_quote.csv', () => expectUserError([fixture('quirks/unterminated_quote.csv')], /unterminated_quote\.csv:3:\d+: unterminated quoted field/));
  it('missing_text_column.csv lists the columns found', () =>
    expectUserError([fixture('quirks/missing_text_column.csv')], /missing_text_column\.csv:1:1: no text column found; columns found: "id", "source", "year"/));
  it('not_csv.csv', () => expectUserError([fixture('quirks/not_csv.csv')], /not_csv\.csv:\d+:\d+: not a text file/));
  it('invalid.json', () => expectUserError([fixture('quirks/invalid.json')], /invalid\.json:4:\d+: not valid JSON/));
  it('invalid_line.jsonl', () => expectUserError([fixture('quirks/invalid_line.jsonl')], /invalid_line\.jsonl:3:\d+: not valid JSON/));
  it('an unreadable path', () => expectUserError(['fixtures/does-not-exist.csv'], /does-not-exist\.csv: cannot read: no such file or directory/));
  it('a bad option value', () => expectUserError([fixture('quirks/crlf_newlines.csv'), '--threshold', '2'], /threshold.*expected a number from 0 to 1/));
  it('an unknown option', () => expectUserError([fixture('quirks/crlf_newlines.csv'), '--thresold', '0.4'], /unknown option '--thresold'/));
});

describe('opposite_actions.csv', () => {
  const groupOf = () => {
    const { report } = json([fixture('quirks/opposite_actions.csv')]);
    return new Map<string, string>(report.items.map((i: { id: string; group: string }) => [i.id, i.group]));
  };

  it('keeps "should introduce" apart from "should not introduce" and "should withdraw", and "increase" from "reduce"', () => {
    const group = groupOf();
    expect(group.get('A1')).not.toBe(group.get('B1'));
    expect(group.get('A1')).not.toBe(group.get('C1'));
    expect(group.get('E1')).not.toBe(group.get('F1'));
  });

  it('still groups the same ask in other words: "should not introduce" with "should withdraw"', () => {
    const group = groupOf();
    expect(group.get('A1')).toBe(group.get('D1'));
    expect(group.get('B1')).toBe(group.get('C1'));
  });

  it('groups opposite asks when the guard is off (--opposition-penalty 0), so the guard is what parts them', () => {
    const run = recdedup(['themes', fixture('quirks/opposite_actions.csv'), '--format', 'json', '--opposition-penalty', '0']);
    expect(run.code, run.stderr).toBe(0);
    const group = new Map(JSON.parse(run.stdout).items.map((i: { id: string; group: string }) => [i.id, i.group]));
    expect(group.get('A1')).toBe(group.get('B1'));
  });

  it('pairs shows the penalty taken off opposed pairs', () => {
    const run = recdedup(['pairs', fixture('quirks/opposite_actions.csv'), '--min', '0.1', '--format', 'json']);
    const pairs: { id1: string; id2: string; penalty: number }[] = JSON.parse(run.stdout).pairs;
    const penaltyOf = (a: string, b: string) => pairs.find((p) => [p.id1, p.id2].sort().join() === [a, b].sort().join())?.penalty;
    expect(penaltyOf('A1', 'B1')).toBeGreaterThan(0);
    expect(penaltyOf('A1', 'D1')).toBe(0);
  });
});
