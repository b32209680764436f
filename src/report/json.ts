import type { ThemesReport } from './model.js';

export function renderJson(report: ThemesReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
