import { describe, expect, it } from 'vitest';
import { GoldFormatError, parseGold } from '../../src/evaluate/gold.js';
import { isUserError } from '../../src/errors.js';

/** The error parseGold throws for a text, so a test can look at its message and position. */
function goldErrorOf(text: string, fileName = 'gold.csv'): GoldFormatError {
  try {
    parseGold(text, fileName);
  } catch (error) {
    if (error instanceof GoldFormatError) return error;
    throw error;
  }
  throw new Error('expected parseGold to throw');
}

describe('parseGold: item labels', () => {
  it('reads id,group,theme in any case and order, ignoring other columns and trimming values', () => {
    const gold = parseGold('Text,THEME,Id,Group\nfirst,staffing, r1 ,g1\nsecond,staffing,r2,g1\nthird,,r3,g2\n', 'gold.csv');
    expect(gold).toEqual({
      kind: 'items',
      groups: new Map([['r1', 'g1'], ['r2', 'g1'], ['r3', 'g2']]),
      // r3's theme is blank, so it is not scored for themes.
      themes: new Map([['r1', 'staffing'], ['r2', 'staffing']]),
    });
  });

  it('leaves themes out when the file has no theme column', () => {
    const gold = parseGold('id,group\na,1\nb,2\n', 'gold.csv');
    expect(gold).toEqual({ kind: 'items', groups: new Map([['a', '1'], ['b', '2']]) });
    expect('themes' in gold).toBe(false);
  });

  it('accepts an id repeated with the same group, rejects one that changes group', () => {
    expect(parseGold('id,group\na,1\na,1\n', 'g.csv')).toMatchObject({ groups: new Map([['a', '1']]) });
    expect(goldErrorOf('id,group\na,1\nb,1\na,2\n').message).toBe('gold.csv:4:3: id "a" is in group "1" at line 2, here "2"');
  });

  it('rejects a group split across two themes', () => {
    expect(goldErrorOf('id,group,theme\na,1,T\nb,1,U\n').message).toBe('gold.csv:3:5: group "1" is in theme "T" at line 2, here "U"');
  });

  it('points at a missing group', () => {
    const error = goldErrorOf('id,group\na,1\nb,\n');
    expect(error.message).toBe('gold.csv:3:3: missing group');
    expect([error.line, error.column]).toEqual([3, 3]);
  });
});

describe('parseGold: labelled pairs', () => {
  it('reads id1,id2,label with labels in any case, ignoring pair and note columns', () => {
    const gold = parseGold('pair,id1,id2,label,note\n1,a,b,dup,same ask\n2,a,c, Theme ,\n3,b,c,DIFF,x\n4,c,d,boiler,template\n', 'gold.csv');
    expect(gold).toEqual({
      kind: 'pairs',
      pairs: [
        { id1: 'a', id2: 'b', label: 'DUP', line: 2 },
        { id1: 'a', id2: 'c', label: 'THEME', line: 3 },
        { id1: 'b', id2: 'c', label: 'DIFF', line: 4 },
        { id1: 'c', id2: 'd', label: 'BOILER', line: 5 },
      ],
    });
  });

  it('accepts a BOM, CRLF line ends and blank rows', () => {
    const gold = parseGold('\uFEFFID1,ID2,Label\r\na,b,DUP\r\n\r\n,,\r\nc,d,DIFF\r\n', 'gold.csv');
    expect(gold).toEqual({
      kind: 'pairs',
      pairs: [
        { id1: 'a', id2: 'b', label: 'DUP', line: 2 },
        { id1: 'c', id2: 'd', label: 'DIFF', line: 5 },
      ],
    });
  });

  it('names file, line and column of an unknown label', () => {
    const text = 'id1,id2,label\nrec1,rec2,DUP\nrec3,rec4,theme\nrec5,rec-6,DUPE\n';
    const error = goldErrorOf(text);
    expect(error.message).toBe('gold.csv:4:12: unknown label "DUPE" (expected DUP, THEME, DIFF or BOILER)');
    expect([error.line, error.column]).toEqual([4, 12]);
  });

  it('keeps line and column right after a quoted CRLF newline, a blank line and non-ASCII text', () => {
    // Line 2–3 is one record; line 4 is blank; on line 5 "  dupe" starts at column 5 and the label at 7.
    const text = '\uFEFFid1,id2,label,note\r\na,b,DUP,"café crème\r\nbrûlée"\r\n\r\né,d,  dupe ,x\r\n';
    const error = goldErrorOf(text, 'labels/pairs.csv');
    expect(error.message).toBe('labels/pairs.csv:5:7: unknown label "dupe" (expected DUP, THEME, DIFF or BOILER)');
    expect(parseGold(text.replace('dupe', 'diff'), 'p.csv')).toMatchObject({ pairs: [{ line: 2 }, { line: 5, id1: 'é' }] });
  });

  it('finds the label column past a quoted id holding escaped quotes and a comma', () => {
    // "say ""hi"", ok" is 16 characters, so b is at column 18 and the label at 20.
    expect(goldErrorOf('id1,id2,label\n"say ""hi"", ok",b,DUPE\n').message).toMatch(/^gold\.csv:2:20: unknown label "DUPE"/);
  });

  it('points at a missing field at the end of a short row', () => {
    expect(goldErrorOf('id1,id2,label\na,b\n').message).toBe('gold.csv:2:4: missing label');
    expect(goldErrorOf('id1,id2,label\na,,DUP\n').message).toBe('gold.csv:2:3: missing id2');
  });

  it('rejects a pair of an id with itself', () => {
    expect(goldErrorOf('id1,id2,label\nx,x,DUP\n').message).toBe('gold.csv:2:3: a pair needs two different ids, both are "x"');
  });

  it('drops a repeated pair with the same label, in either order, and rejects a conflicting one', () => {
    expect(parseGold('id1,id2,label\na,b,DUP\nb,a,dup\n', 'g.csv')).toMatchObject({ pairs: [{ id1: 'a', id2: 'b', line: 2 }] });
    expect(goldErrorOf('id1,id2,label\na,b,DUP\nb,a,DIFF\n').message).toBe('gold.csv:3:5: pair "b", "a" is labelled DUP at line 2, here DIFF');
  });
});

describe('parseGold: unusable files', () => {
  it('lists the columns found and both accepted headers for an unknown header', () => {
    const error = goldErrorOf('id,text,cluster\n1,x,2\n');
    expect(error.message).toBe(
      'gold.csv:1:1: unrecognised gold header (found "id", "text", "cluster"); expected "id,group[,theme]" for item labels or "id1,id2,label" for labelled pairs',
    );
    expect(error.message).not.toContain('\n');
  });

  it('refuses a header that fits both formats or repeats a column', () => {
    expect(goldErrorOf('id,group,id1,id2,label\n').message).toMatch(/^gold\.csv:1:1: header has the columns of both gold formats/);
    expect(goldErrorOf('id1,id2,label,LABEL\n').message).toBe('gold.csv:1:15: column "LABEL" appears twice in the header');
  });

  it('reports an empty file and broken CSV as user errors', () => {
    expect(goldErrorOf('').message).toMatch(/^gold\.csv:1:1: empty file/);
    const broken = goldErrorOf('id1,id2,label\na,b,DUP\nc,"d,DIFF\n');
    expect(broken.message).toMatch(/^gold\.csv:\d+:1: invalid CSV: /);
    expect(isUserError(broken)).toBe(true);
  });
});
