/** A recommendation (or concern, observation, action) after ingest: one input row with text. */
export interface RecordItem {
  /** Unique within a run: the data's own id, or `<file>#<row>` when the data has none. */
  id: string;
  /** The report or document it came from; distinct sources decide whether a group recurs. */
  source: string;
  year: number | null;
  /** Who must act; several recipients are separated by `|` or `;` in the data. */
  recipient: string;
  /** The response or implementation status, where the data gives one. */
  status: string;
  text: string;
  /** Where the row started, for messages. */
  origin: { file: string; line: number };
}

/** Which input columns hold which field; undefined means "detect from the header". */
export interface ColumnMapping {
  text?: string;
  id?: string;
  source?: string;
  year?: string;
  recipient?: string;
  status?: string;
}

/** A message for standard error; the core returns these instead of printing. */
export interface Warning {
  message: string;
}
