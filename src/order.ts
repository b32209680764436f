/** Plain code-unit order of strings: locale-independent, so every machine sorts alike. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
