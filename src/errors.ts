/**
 * One error class per failure kind, each carrying its exit code. User mistakes (exit 2) print one
 * line and never a stack trace; anything else is an internal failure (exit 1).
 */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_USAGE = 2;
/** `--fail-on new-recurring` found a recurring group the baseline did not have (the report is still written). */
export const EXIT_NEW_RECURRING = 3;

export class RecdedupError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad command-line usage: unknown option, value out of range, missing argument. */
export class UsageError extends RecdedupError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
  }
}

/** A position in an input file, 1-based, as editors show it. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** Bad input data: the message names file, line and column so the user can go straight there. */
export class InputError extends RecdedupError {
  constructor(readonly position: SourcePosition, readonly reason: string) {
    super(`${position.file}:${position.line}:${position.column}: ${reason}`, EXIT_USAGE);
  }
}

/** An index file that cannot be used: not an index, another format version, truncated or damaged. */
export class IndexFileError extends RecdedupError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
  }
}

export function isUserError(error: unknown): error is RecdedupError {
  return error instanceof RecdedupError && error.exitCode === EXIT_USAGE;
}

/** Line and column (1-based) of a character offset in a text. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
