import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/index.js';
import { findRecipient } from '../../src/extract/recipients.js';
import { readStatus } from '../../src/extract/status.js';
import type { ExtractedRecord, ReportDocument } from '../../src/extract/types.js';

const REPORTS = new URL('../../fixtures/reports/', import.meta.url);
const STATUSES = ['supports', 'supports in part', 'does not support', 'notes'];

function textReport(file: string): ReportDocument {
  return { name: `fixtures/reports/${file}`, pages: [readFileSync(new URL(file, REPORTS), 'utf8')], paged: false };
}

/** Page texts saved from a PDF, named as the PDF they came from. */
function pagedReport(file: string): ReportDocument {
  return { name: `fixtures/reports/${file.replace(/\.pages\.json$/, '.pdf')}`, pages: JSON.parse(readFileSync(new URL(file, REPORTS), 'utf8')) as string[], paged: true };
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? []);
}

/** Shared words over all words of the two texts. */
function jaccard(a: string, b: string): number {
  const [x, y] = [words(a), words(b)];
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared / Math.max(1, new Set([...x, ...y]).size);
}

interface ReviewRow {
  id: string;
  text: string;
  text_as_restated_in_government_response: string;
  government_response: string;
}

/** The published table of the review's 13 recommendations and the government's responses (OGL v3.0). */
const REVIEW: ReviewRow[] = parse(readFileSync(new URL('rapid_review_recommendations.csv', REPORTS)), { columns: true });

const byId = (records: ExtractedRecord[], id: string) => records.find((r) => r.id === id);

describe('government response to the rapid review (seed 000, text)', () => {
  const { records, crossReferences, warnings } = extractDocument(textReport('rapid_review_response.txt'));

  it('finds exactly the 13 recommendations, in order, with their own numbers in the ids', () => {
    expect(records.map((r) => r.id)).toEqual(Array.from({ length: 13 }, (_, i) => `rapid-review-response-REC-${i + 1}`));
    expect(records.every((r) => r.kind === 'recommendation')).toBe(true);
    expect(crossReferences).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('gives each its government response and the status the response states, with the deciding sentence', () => {
    for (const record of records) {
      expect(record.response.length, record.id).toBeGreaterThan(200);
      expect(STATUSES, record.id).toContain(record.status);
      expect(record.statusEvidence.length, record.id).toBeGreaterThan(0);
      expect(record.response, record.id).toContain(record.statusEvidence);
    }
    expect(records.map((r) => r.status)).toEqual([
      ...Array(8).fill('supports'),
      'does not support',
      ...Array(3).fill('supports'),
      'notes',
    ]);
    expect(records[8].statusEvidence).toMatch(/do not support mandating/);
    expect(records[12].statusEvidence).toMatch(/is committed to/);
  });

  it('reads the title, the publication year and where each recommendation starts', () => {
    expect(new Set(records.map((r) => r.source))).toEqual(new Set(['Government response to the rapid review into data on mental health inpatient settings']));
    expect(records.every((r) => r.year === 2024)).toBe(true);
    expect(records[0].location).toBe('line 55');
    expect(records[12].location).toBe('line 311');
  });

  it('names the recipients where the text names them', () => {
    expect(records[0].recipient).toBe('NHS England');
    expect(records[2].recipient).toBe('ICSs and provider collaboratives');
    expect(records[3].recipient).toBe('DHSC');
    expect(records[5].recipient).toBe('Trust and provider leaders');
    expect(records[6].recipient).toBe('Providers of NHS-funded care; CQC');
    expect(records[11].recipient).toBe('Professional bodies');
    expect(records[4].recipient.split('; ')).toEqual(expect.arrayContaining(['CQC', 'NHS England']));
  });

  it('keeps bullet sub-items in their recommendation and leaves markdown link syntax out', () => {
    expect(records[0].text).toMatch(/This programme should: consider what metrics .* consider what enablers/);
    expect(records[8].text).toMatch(/provision for safe family rooms/);
    expect(records.some((r) => /\]\(|\(<http|\\\(/.test(r.text + r.response))).toBe(false);
  });

  it('matches the published table: recommendation texts and responses word for word', () => {
    records.forEach((record, i) => {
      expect(jaccard(record.text, REVIEW[i].text_as_restated_in_government_response), record.id).toBeGreaterThan(0.95);
      expect(jaccard(record.response, REVIEW[i].government_response), record.id).toBeGreaterThan(0.95);
    });
  });
});

describe('HSSIB overarching report (seed 002)', () => {
  const { records, crossReferences } = extractDocument(textReport('hssib_overarching.txt'));

  it('gives each safety recommendation and observation once, though printed twice', () => {
    expect(records.map((r) => [r.id, r.kind, r.location])).toEqual([
      ['R/2025/063', 'recommendation', 'line 82'],
      ['R/2025/064', 'recommendation', 'line 86'],
      ['O/2025/073', 'observation', 'line 92'],
    ]);
  });

  it('names who each recommendation asks to act, and keeps its whole paragraph', () => {
    expect(byId(records, 'R/2025/063')?.recipient).toBe('Department of Health and Social Care');
    expect(byId(records, 'R/2025/064')?.recipient).toBe('Secretary of State for Health and Social Care');
    expect(byId(records, 'O/2025/073')?.recipient).toBe('');
    expect(byId(records, 'R/2025/063')?.text).toMatch(/^HSSIB recommends that .* have not achieved their intention\.$/);
    expect(byId(records, 'O/2025/073')?.text).toMatch(/^National bodies can improve .* safe and therapeutic care\.$/);
  });

  it('records ids cited in passing as cross-references, never as records', () => {
    const cited = crossReferences.map((c) => c.id);
    expect(cited).toEqual(expect.arrayContaining(['R/2024/037', 'R/2024/043', 'R/2024/050', 'R/2025/056', 'R/2022/196', 'R/2025/057', 'ICB/2024/010']));
    expect(new Set(cited).size).toBe(cited.length);
    for (const record of records) expect(cited).not.toContain(record.id);
    expect(crossReferences.find((c) => c.id === 'R/2024/037')?.location).toBe('line 332');
  });

  it('takes the title for the source, and the year from the ids when no date is printed', () => {
    expect(records[0].source).toMatch(/^Mental health inpatient settings: overarching report of investigations/);
    expect(records.every((r) => r.year === 2025)).toBe(true);
  });
});

describe('NHS Providers briefing (seed 004)', () => {
  it('gives the three "we need to" actions, each its own item', () => {
    const { records } = extractDocument(textReport('nhs_providers_briefing.txt'));
    expect(records.map((r) => r.kind)).toEqual(['action', 'action', 'action']);
    expect(records.map((r) => r.text.split(' ')[0])).toEqual(['Finalise', 'Systematically', 'Consistently']);
    expect(records.map((r) => r.id)).toEqual(['nhs_providers_briefing.txt#1', 'nhs_providers_briefing.txt#2', 'nhs_providers_briefing.txt#3']);
    expect(records[0].source).toBe('Delivering consistently high quality and safe care');
    expect(records[2].text).toBe('Consistently listen to service users, their families and carers and wider communities and embed them into the design and delivery of mental health services.');
  });
});

describe('the two PDFs, as page texts after furniture removal', () => {
  it('government response PDF: the same 13 recommendations, responses and statuses as its text version', () => {
    const fromPdf = extractDocument(pagedReport('rapid_review_response.pages.json')).records;
    const fromText = extractDocument(textReport('rapid_review_response.txt')).records;
    expect(fromPdf).toHaveLength(13);
    expect(fromPdf.map((r) => r.status)).toEqual(fromText.map((r) => r.status));
    // The first recipient agrees; later ones can differ, as the PDF's bullets have lost their markers.
    const firstRecipient = (r: ExtractedRecord) => r.recipient.split('; ')[0];
    expect(fromPdf.map(firstRecipient)).toEqual(fromText.map(firstRecipient));
    fromPdf.forEach((record, i) => {
      expect(jaccard(record.text, fromText[i].text), record.id).toBeGreaterThan(0.95);
      expect(jaccard(record.response, fromText[i].response), record.id).toBeGreaterThan(0.95);
      expect(record.location, record.id).toMatch(/^page \d+$/);
    });
    expect(fromPdf[0].location).toBe('page 4');
    expect(fromPdf[0].year).toBe(2024);
    expect(fromPdf[0].source).toBe(fromText[0].source);
  });

  it('final report PDF: the 13 recommendations of the review, word for word as published', () => {
    const { records, warnings } = extractDocument(pagedReport('rapid_review_final_report.pages.json'));
    expect(records.map((r) => r.id)).toEqual(Array.from({ length: 13 }, (_, i) => `rapid-review-final-report-REC-${i + 1}`));
    records.forEach((record, i) => expect(jaccard(record.text, REVIEW[i].text), record.id).toBeGreaterThan(0.95));
    expect(records.every((r) => r.response === '' && r.status === '')).toBe(true);
    expect(records[0].source).toBe('Rapid review into data on mental health inpatient settings: final report and recommendations');
    // Recommendation 13 ends at the next heading, not at the end of the 84 pages.
    expect(records[12].text).toMatch(/after 12 months\.$/);
    expect(warnings).toEqual([]);
  });
});

describe('coroners\' Prevention of Future Deaths reports', () => {
  it('splits the matters of concern into one record each, without the template sentences', () => {
    const { records } = extractDocument(textReport('pfd_regulation28.txt'));
    expect(records.map((r) => [r.id, r.kind, r.location])).toEqual([
      ['pfd_regulation28.txt#1', 'concern', 'line 27'],
      ['pfd_regulation28.txt#2', 'concern', 'line 29'],
      ['pfd_regulation28.txt#3', 'concern', 'line 34'],
    ]);
    for (const record of records) {
      expect(record.text).not.toMatch(/During the course of the inquest|statutory duty|MATTERS OF CONCERN|future deaths will occur/i);
      expect(record.recipient).toBe('Chief Executive, Northshire Mental Health NHS Foundation Trust; Chief Executive, Northshire Integrated Care Board; NHS England');
      expect(record.year).toBe(2023);
      expect(record.source).toBe('REGULATION 28: REPORT TO PREVENT FUTURE DEATHS (pfd_regulation28.txt)');
    }
    expect(records[1].text).toMatch(/^The follow-up contact .* \(a\) the referral .* \(c\) the ward did not check/);
  });

  it('splits concerns numbered inside running text, as copied from a web page', () => {
    const { records } = extractDocument(textReport('pfd_inline_concerns.txt'));
    expect(records.map((r) => r.text.split(' ').slice(0, 2).join(' '))).toEqual(['Officers on', 'The cell', 'There is']);
    expect(records[1].text).toMatch(/i\. the monitoring screen .* ii\. there was no audit/);
    expect(records[0].recipient).toBe('Secretary of State for Justice; HM Prison and Probation Service; Chief Executive, Example Healthcare Ltd');
    expect(records[0].year).toBe(2021);
  });

  it('takes the concerns from a report whose single concern is unnumbered', () => {
    const text = [
      'CORONER\'S CONCERNS',
      'During the course of the inquest the evidence revealed a matter giving rise to concern. In my opinion there is a risk that future deaths will occur unless action is taken. In the circumstances it is my statutory duty to report to you.',
      'The MATTER OF CONCERN is as follows. –',
      'Patients on the unit do not have timely access to speech and language therapy assessments.',
      'ACTION SHOULD BE TAKEN',
      'In my opinion action should be taken to prevent future deaths.',
    ].join('\n');
    const { records } = extractDocument({ name: 'one.txt', pages: [text], paged: false });
    expect(records.map((r) => r.text)).toEqual(['Patients on the unit do not have timely access to speech and language therapy assessments.']);
  });
});

describe('other shapes of recommendation', () => {
  it('a "1." list under a Recommendations heading, sub-items kept, the section after it left out', () => {
    const { records } = extractDocument(textReport('numbered_list_recommendations.md'));
    expect(records.map((r) => r.id)).toEqual(['numbered-list-recommendations-REC-1', 'numbered-list-recommendations-REC-2', 'numbered-list-recommendations-REC-3']);
    expect(records[0].text).toMatch(/including: a standard checklist for second checks a timetable for its adoption/);
    expect(records[2].text).toMatch(/pharmacy technicians in the light of this report\.$/);
    expect(records.map((r) => r.recipient)).toEqual(['NHS England', 'Community pharmacy owners', 'General Pharmaceutical Council']);
    expect(records.every((r) => r.year === 2022 && r.source === 'Learning from medication incidents in community pharmacies')).toBe(true);
  });

  it('"R1:" markers with bare "Response:" lines (CRLF), each status read from the response', () => {
    const { records } = extractDocument(textReport('short_markers_response.txt'));
    expect(records.map((r) => [r.id, r.status, r.statusEvidence])).toEqual([
      ['short-markers-response-REC-1', 'supports', 'Accepted.'],
      ['short-markers-response-REC-2', 'supports in part', 'Accepted in principle.'],
      ['short-markers-response-REC-3', 'does not support', 'Not accepted.'],
      ['short-markers-response-REC-4', 'notes', 'Noted.'],
    ]);
    expect(records[1].recipient).toBe('Nursing and Midwifery Council');
    expect(records[0].location).toBe('line 5');
  });

  it('HSSIB markers with the text on the same line, in PDF-like text without blank lines', () => {
    const { records, crossReferences } = extractDocument(textReport('hssib_same_line.txt'));
    expect(records.map((r) => [r.id, r.kind, r.recipient])).toEqual([
      ['R/2023/220', 'recommendation', 'NHS England'],
      ['R/2023/221', 'recommendation', 'Royal College of Emergency Medicine'],
      ['O/2023/030', 'observation', ''],
    ]);
    expect(records[0].text).toMatch(/including when an electrocardiogram should be recorded\.$/);
    expect(crossReferences.map((c) => c.id)).toEqual(['R/2021/150', 'R/2022/011']);
  });

  it('locations are pages for a PDF', () => {
    const doc: ReportDocument = {
      name: 'two-pages.pdf',
      pages: ['Report title for a test of pages\nIntroduction text.', 'Recommendation 1\nNHS England should publish guidance.\nRecommendation 2\nTrusts should audit their practice.'],
      paged: true,
    };
    const { records } = extractDocument(doc);
    expect(records.map((r) => [r.id, r.location, r.recipient])).toEqual([
      ['two-pages-REC-1', 'page 2', 'NHS England'],
      ['two-pages-REC-2', 'page 2', 'Trusts'],
    ]);
  });

  it('warns when the numbering skips a recommendation', () => {
    const text = 'Recommendation 1\nNHS England should act.\n\nRecommendation 3\nTrusts should act.\n';
    const { records, warnings } = extractDocument({ name: 'gap.txt', pages: [text], paged: false });
    expect(records).toHaveLength(2);
    expect(warnings.map((w) => w.message)).toEqual(['gap.txt: recommendation 2 not found (the numbering skips)']);
  });
});

describe('text with no recommendation', () => {
  it('gives no records and one warning naming the file', () => {
    const { records, crossReferences, warnings } = extractDocument(textReport('no_recommendations.txt'));
    expect(records).toEqual([]);
    expect(crossReferences).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/^fixtures\/reports\/no_recommendations\.txt: no recommendations/);
  });

  it('an empty document, or one with no pages, is the same', () => {
    for (const pages of [[], [''], ['   \n\n  ']]) {
      const { records, warnings } = extractDocument({ name: 'empty.txt', pages, paged: false });
      expect(records).toEqual([]);
      expect(warnings).toHaveLength(1);
    }
  });
});

describe('readStatus', () => {
  it.each([
    ['The government accepts this recommendation.', 'supports'],
    ['The government supports the recommendation that trusts should act.', 'supports'],
    ['DHSC welcomes this recommendation and will act on it.', 'supports'],
    ['The government accepts this recommendation in principle.', 'supports in part'],
    ['The department accepts in part the recommendation.', 'supports in part'],
    ['We support the intent of this recommendation, but will not legislate.', 'supports in part'],
    ['The government supports the recommendation that boards review their reports. It does not support a new duty.', 'supports in part'],
    ['The government does not accept this recommendation.', 'does not support'],
    ['The Department does not support mandating a single model.', 'does not support'],
    ['The government notes the recommendation and will keep it under review.', 'notes'],
    ['The government is committed to working with partners on this.', 'notes'],
    ['Work is under way.', ''],
  ])('%s → %s', (response, status) => {
    expect(readStatus(response).status).toBe(status);
  });
});

describe('findRecipient', () => {
  it.each([
    ['HSSIB recommends that the Department of Health and Social Care continues to work with others.', 'Department of Health and Social Care'],
    ['NHS England should publish guidance.', 'NHS England'],
    ['Every provider and commissioner of NHS-funded care should have access to platforms.', 'Provider and commissioner of NHS-funded care'],
    ['DHSC, in partnership with NHS England and CQC, should convene the organisations.', 'DHSC'],
    ['Except where specified, these recommendations should be implemented. Government ministers, through DHSC, should review progress.', 'Government ministers'],
    ['The review should include: identification of safety issues', ''],
    ['National bodies can improve patient safety.', ''],
    ['HSSIB recommends that providers should review their policies.', 'Providers'],
    ['ICSs will develop strategies by December. This recommendation is for local ICSs to review the estate.', 'Local ICSs'],
    ['Data will be published. This recommendation is aimed at NHS England.', 'NHS England'],
    ['This recommendation is for the longer term.', ''],
  ])('%s → %s', (text, recipient) => {
    expect(findRecipient(text)).toBe(recipient);
  });
});

describe('properties over free-form text', () => {
  const fragments = fc.constantFrom(
    '',
    'Recommendation 1',
    'Recommendation 2:',
    'Recommendation 2: NHS England should act.',
    'R3 Trusts must review their policy.',
    'Government response to recommendation 1',
    'Government response to recommendation 7',
    'Response:',
    'The government accepts this recommendation in principle.',
    'Safety recommendation R/2025/063:',
    'Safety observation O/2024/001: Providers can improve care.',
    'HSSIB recommends that NHS England develops guidance.',
    'see R/2024/043 and R/2024/043 again',
    'Recommendations',
    '1. Commissioners should fund the service.',
    '2. Boards must report.',
    '- a bullet item',
    '-',
    '• another item',
    'We need to:',
    'NHS England should:',
    'CORONER\'S CONCERNS',
    'The MATTERS OF CONCERN are as follows:',
    '(1) There was no policy.',
    'ACTION SHOULD BE TAKEN',
    'THIS REPORT IS BEING SENT TO:',
    'Published 1 May 2020',
    'Conclusion and next steps',
    'lowercase continuation of a sentence',
    'A sentence that ends here.',
    '2.1.4 A numbered paragraph of the body.',
  );
  const documents = fc.record({
    lines: fc.array(fc.oneof(fragments, fc.string({ maxLength: 60 })), { maxLength: 40 }),
    pages: fc.integer({ min: 1, max: 3 }),
    paged: fc.boolean(),
  });

  function toDocument(lines: string[], pages: number, paged: boolean): ReportDocument {
    const size = Math.ceil(lines.length / pages) || 1;
    const split = Array.from({ length: pages }, (_, p) => lines.slice(p * size, (p + 1) * size).join('\n'));
    return { name: 'generated.txt', pages: split, paged };
  }

  it('never throws, and every record has text, a kind, a location and an id unique in its document', () => {
    fc.assert(
      fc.property(documents, ({ lines, pages, paged }) => {
        const doc = toDocument(lines, pages, paged);
        const { records, crossReferences, warnings } = extractDocument(doc);
        const ids = records.map((r) => r.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const record of records) {
          expect(record.text.trim()).not.toBe('');
          expect(['recommendation', 'observation', 'concern', 'action']).toContain(record.kind);
          expect(record.location).toMatch(paged ? /^page [1-3]$/ : /^line \d+$/);
          expect(['', ...STATUSES]).toContain(record.status);
          if (record.status === '') expect(record.statusEvidence).toBe('');
          if (record.response === '') expect(record.status).toBe('');
        }
        for (const reference of crossReferences) expect(ids).not.toContain(reference.id);
        if (records.length === 0) expect(warnings.some((w) => /no recommendations/.test(w.message))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(documents, ({ lines, pages, paged }) => {
        const doc = toDocument(lines, pages, paged);
        expect(extractDocument(doc)).toEqual(extractDocument(doc));
      }),
      { numRuns: 100 },
    );
  });

  it('never throws on arbitrary unicode, control characters and very long lines', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 400 }), { maxLength: 4 }), fc.boolean(), (pages, paged) => {
        const result = extractDocument({ name: 'x', pages, paged });
        expect(Array.isArray(result.records)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('stays fast on long input: a 5,000-line report in well under a second', () => {
    const body = Array.from({ length: 1000 }, (_, i) => `Recommendation ${i + 1}\nNHS England should do thing ${i}.\n- with a sub-item\n\nGovernment response to recommendation ${i + 1}\nThe government accepts this recommendation.`);
    const started = performance.now();
    const { records } = extractDocument({ name: 'long.txt', pages: [body.join('\n')], paged: false });
    expect(records).toHaveLength(1000);
    expect(records.every((r) => r.status === 'supports')).toBe(true);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
