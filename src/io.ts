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
    await writeFile(temp, typeof content === 'string' || content instanceof Uint8Array ? content : batches(content));
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
  for (const batch of typeof content === 'string' ? [content] : batches(content)) {
    if (closed) return;
    await new Promise<void>((resolvePromise) => io.stdout.write(batch, () => resolvePromise()));
  }
}

const BATCH_CHARS = 1 << 20;

/** Small pieces joined into strings of about a megabyte: fewer writes, no giant string. */
function* batches(pieces: Iterable<string>): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    parts.push(piece);
    size += piece.length;
    if (size >= BATCH_CHARS) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
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
