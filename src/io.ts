import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './errors.js';
import type { InputFile } from './ingest/index.js';

/** What the CLI touches of the outside world; tests pass their own. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export async function readInputFiles(names: readonly string[], io: CliIo): Promise<InputFile[]> {
  if (names.filter((n) => n === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
  return Promise.all(names.map(async (name) => ({ name, bytes: name === '-' ? await readStream(io.stdin) : await readPath(name, io.cwd) })));
}

async function readPath(name: string, cwd: string): Promise<Uint8Array> {
  try {
    return await readFile(resolve(cwd, name));
  } catch (error) {
    throw new UsageError(`${name}: cannot read: ${describeFsError(error)}`);
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export async function readTextFile(name: string, cwd: string): Promise<string> {
  return Buffer.from(await readPath(name, cwd)).toString('utf8');
}

/** Write beside the target, then rename: a reader never sees half a report, and a failure leaves none. */
export async function writeAtomically(path: string, content: string | Uint8Array | Iterable<string>, cwd: string): Promise<void> {
  const target = resolve(cwd, path);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, typeof content === 'string' || content instanceof Uint8Array ? content : encodedBatches(content));
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new UsageError(`${path}: cannot write: ${describeFsError(error)}`);
  }
}

/**
 * The report goes to --out (atomically) or to standard output. It may come in pieces (a report too
 * large for one string); they are written in order, a megabyte at a time.
 */
export async function writeReport(content: string | Iterable<string>, out: string | undefined, io: CliIo): Promise<void> {
  if (out) return writeAtomically(out, content, io.cwd);
  // A closed pipe (`recdedup … | head`) is not an error, just the end of writing; the listener
  // stays, as the error can arrive after the last write.
  let closed = false;
  io.stdout.on('error', () => (closed = true));
  for (const batch of typeof content === 'string' ? [content] : encodedBatches(content)) {
    if (closed) return;
    await new Promise<void>((resolvePromise) => io.stdout.write(batch, () => resolvePromise()));
  }
}

const BATCH_BYTES = 1 << 20;

/**
 * Small pieces encoded as UTF-8 straight into buffers of about `batchBytes`: fewer writes, no giant
 * string, and no joined string to copy and encode again (joining was a third of the time of writing
 * a 118 MB report). A piece that ends inside a surrogate pair keeps its last half for the next one,
 * so a character cut between pieces is still written whole.
 */
export function* encodedBatches(pieces: Iterable<string>, batchBytes = BATCH_BYTES): Generator<Uint8Array> {
  let batch = Buffer.allocUnsafe(batchBytes);
  let used = 0;
  let carried = '';
  const full = (piece: string) => used > 0 && used + 3 * piece.length > batchBytes;
  for (const next of pieces) {
    let piece = carried + next;
    carried = '';
    if (endsInsidePair(piece)) {
      carried = piece.slice(-1);
      piece = piece.slice(0, -1);
    }
    // A UTF-16 code unit never takes more than 3 bytes of UTF-8, so a piece that passes fits whole.
    if (full(piece)) {
      yield batch.subarray(0, used);
      batch = Buffer.allocUnsafe(batchBytes);
      used = 0;
    }
    if (3 * piece.length > batchBytes) yield Buffer.from(piece, 'utf8');
    else used += batch.write(piece, used, 'utf8');
  }
  if (full(carried)) {
    yield batch.subarray(0, used);
    used = 0;
  }
  used += batch.write(carried, used, 'utf8');
  if (used > 0) yield batch.subarray(0, used);
}

function endsInsidePair(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

export function shippedAliasTable(): string {
  return readFileSync(join(packageRoot, 'data', 'aliases.tsv'), 'utf8');
}
