/**
 * Typed arrays that grow in place: the buffers that double while a large input is read (feature
 * rows, trigram sets, scored pairs, the linkage's lists and heap).
 *
 * Why not a new ArrayBuffer and a copy each time: V8 counts ArrayBuffer memory as "external", and
 * each time it has grown 64 MB past what it was at the last full collection it starts another full
 * collection, which marks the whole JavaScript heap (1–5 GB on large inputs, 0.4–3 s a time) and
 * frees next to nothing. A growable SharedArrayBuffer is reserved once as address space and
 * committed as it grows, its contents are never copied, and V8 does not count it toward that
 * pressure (bench/side-by-side.md). Nothing here is shared with another thread: the shared kind is
 * used only because it is the kind that grows in place. Pages the array never writes stay
 * untouched, so a doubled array's unused half costs address space, not memory.
 */

export type GrowableArray = Int32Array | Float32Array | Float64Array | Uint16Array;

interface ArrayKind<T extends GrowableArray> {
  readonly BYTES_PER_ELEMENT: number;
  new (length: number): T;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
}

/** The parts of a growable SharedArrayBuffer (ES2024) that the ES2022 library types lack. */
interface GrowingBuffer extends SharedArrayBuffer {
  readonly growable: boolean;
  readonly maxByteLength: number;
  grow(byteLength: number): void;
}

type GrowingBufferKind = new (byteLength: number, options: { maxByteLength: number }) => GrowingBuffer;

/** The most a growable SharedArrayBuffer may reserve in V8 (Node 20): 4 GB. */
export const MAX_GROWABLE_BYTES = 2 ** 32;

/** A zero-filled array of `length` elements that `grownArray` can grow in place. */
export function growableArray<T extends GrowableArray>(kind: ArrayKind<T>, length: number): T {
  const bytes = length * kind.BYTES_PER_ELEMENT;
  // Larger than one growable buffer may be: an ordinary array, grown by copying as before.
  if (bytes > MAX_GROWABLE_BYTES) return new kind(length);
  let buffer: GrowingBuffer;
  try {
    buffer = new (SharedArrayBuffer as unknown as GrowingBufferKind)(bytes, { maxByteLength: MAX_GROWABLE_BYTES });
  } catch (error) {
    // The address space could not be reserved (a limit on virtual memory, `ulimit -v`): an ordinary
    // array does the same work, only with the copies and the collections this module avoids.
    if (error instanceof RangeError) return new kind(length);
    throw error;
  }
  return new kind(buffer, 0, length);
}

/**
 * The array with room for at least `atLeast` elements (at least twice its length), its elements
 * kept and the new ones zero. In place when the array is a growableArray with room left to
 * reserve: the result is a new view of the same memory, so views taken of the old one stay valid
 * and see what is written through the new one. Otherwise the elements are copied into a new
 * growableArray.
 */
export function grownArray<T extends GrowableArray>(array: T, atLeast: number): T {
  const kind = array.constructor as ArrayKind<T>;
  const length = Math.max(atLeast, array.length * 2);
  const bytes = length * kind.BYTES_PER_ELEMENT;
  const buffer = array.buffer as GrowingBuffer;
  if (buffer instanceof SharedArrayBuffer && buffer.growable && array.byteOffset === 0 && bytes <= buffer.maxByteLength) {
    if (bytes > buffer.byteLength) buffer.grow(bytes);
    return new kind(buffer, 0, length);
  }
  const next = growableArray(kind, length);
  next.set(array);
  return next;
}
