/** A parsed input table: header names and rows of strings, each row with the line it starts on. */
export interface Table {
  file: string;
  columns: string[];
  rows: TableRow[];
}

export interface TableRow {
  line: number;
  values: Record<string, string>;
}
