import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { parseWorkbook } from '../../src/ingest/xlsx.js';
import { namesTextColumn } from '../../src/ingest/columns.js';

async function workbook(data: (string | number | boolean | Date | null)[][]): Promise<Uint8Array> {
  return new Uint8Array(await writeExcelFile(data, { dateFormat: 'yyyy-mm-dd' }).toBuffer());
}

describe('parseWorkbook', () => {
  it('reads the first row as column names and every cell as the text a CSV export would hold', async () => {
    const bytes = await workbook([
      ['ref', 'text', 'published', 'urgent', null],
      ['R1', 'Staff should be trained', new Date(Date.UTC(2023, 4, 17)), true, 'x'],
      [null, null, null, null, null],
      ['R2', 'Audit ligature points', 2021, false, null],
    ]);
    const table = await parseWorkbook(bytes, 'in.xlsx');
    expect(table.columns).toEqual(['ref', 'text', 'published', 'urgent', 'column 5']);
    expect(table.rows).toEqual([
      { line: 2, values: { ref: 'R1', text: 'Staff should be trained', published: '2023-05-17', urgent: 'true', 'column 5': 'x' } },
      { line: 4, values: { ref: 'R2', text: 'Audit ligature points', published: '2021', urgent: 'false', 'column 5': '' } },
    ]);
  });

  it('finds a header that a title and an empty row push down, keeping spreadsheet row numbers', async () => {
    const bytes = await workbook([
      ['Recommendations tracker', null, null],
      [null, null, null],
      ['Reference', 'Recommendation', 'Year'],
      ['R1', 'Staff should be trained', 2020],
    ]);
    const table = await parseWorkbook(bytes, 'in.xlsx', undefined, (cells) => namesTextColumn(cells, {}));
    expect(table.columns).toEqual(['Reference', 'Recommendation', 'Year']);
    expect(table.rows).toEqual([{ line: 4, values: { Reference: 'R1', Recommendation: 'Staff should be trained', Year: '2020' } }]);
    expect(table.headerBelow).toEqual({ line: 3, rowsAbove: 2 });
  });
});
