/**
 * V8's default heap (about 4 GB) is too small for inputs of a million items. For large inputs the
 * entry point runs the tool again with a heap of three quarters of the machine's memory; small
 * runs pay nothing. Decided here, before anything is read, from the sizes of the files named.
 */

/** Inputs larger than this together get the larger heap. */
export const LARGE_INPUT_BYTES = 64 * 1024 * 1024;

/** Options whose value names a file the run writes, not one it reads. */
const OUTPUT_OPTIONS = new Set(['--out']);

/**
 * Total size of the arguments that name existing files the run reads. The value of `--out` is
 * skipped: a large report left by an earlier run is overwritten, not read, and counting it made
 * every re-run over the same small input start a second process.
 * `sizeOf` gives a file's size, or undefined when the argument is not a file.
 */
export function inputBytes(args: readonly string[], sizeOf: (name: string) => number | undefined): number {
  let total = 0;
  for (let i = 0; i < args.length; i++) {
    if (OUTPUT_OPTIONS.has(args[i])) {
      i++;
      continue;
    }
    total += sizeOf(args[i]) ?? 0;
  }
  return total;
}

/**
 * The heap to run again with, in MB, or undefined to run in this process: only for large inputs,
 * and never when the heap is already near it (set by NODE_OPTIONS, or this is the re-run).
 */
export function largerHeapMb(inputSize: number, currentLimitMb: number, machineMemoryBytes: number): number | undefined {
  const wantedMb = Math.floor((machineMemoryBytes * 0.75) / 2 ** 20);
  return inputSize > LARGE_INPUT_BYTES && currentLimitMb < wantedMb * 0.9 ? wantedMb : undefined;
}
