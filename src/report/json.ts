import type { ThemesReport } from './model.js';

/** The report as JSON, two-space indented: `JSON.stringify(report, null, 2)` and a newline. */
export function renderJson(report: ThemesReport): string {
  return [...renderJsonChunks(report)].join('');
}

/**
 * The same text in pieces, so a report on a million items — over a gigabyte of JSON, past the
 * longest string V8 can hold — can be written without ever being one string. Objects and arrays
 * that hold other objects or arrays are written member by member; everything else (an item, a
 * member, a keyword list) by one JSON.stringify, re-indented to its depth.
 */
export function* renderJsonChunks(report: ThemesReport): Generator<string> {
  yield* valueChunks(report, '');
  yield '\n';
}

function* valueChunks(value: unknown, pad: string): Generator<string> {
  if (!hasNestedContainers(value)) {
    yield indented(JSON.stringify(value, null, 2), pad);
    return;
  }
  const inner = `${pad}  `;
  if (Array.isArray(value)) {
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      yield* valueChunks(value[i] ?? null, inner);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield `${pad}]`;
    return;
  }
  // JSON.stringify leaves out keys whose value is undefined or a function; so does this.
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function');
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i];
    yield `${inner}${JSON.stringify(key)}: `;
    yield* valueChunks(v, inner);
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield `${pad}}`;
}

/** An object or array with at least one object or non-empty array inside: worth writing piece by piece. */
function hasNestedContainers(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => child !== null && typeof child === 'object' && (!Array.isArray(child) || child.length > 0));
}

/** Indents every line after the first: JSON strings never hold a raw line break, so this is exact. */
function indented(json: string, pad: string): string {
  return pad === '' ? json : json.replace(/\n/g, `\n${pad}`);
}
