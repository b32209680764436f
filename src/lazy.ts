import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A dependency loaded the first time it is used, through its CommonJS build: the YAML parser and
 * the HTML converter cost ~40 and ~30 ms to load, which every run paid at start-up although only
 * runs with an overrides file or an .html report need them.
 */
export function loadOnFirstUse<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
