import type { Options } from '../options.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson, renderJsonChunks } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { ThemesReport } from './model.js';
import { renderTerminal } from './terminal.js';

export { buildGroups, buildReport, stableId, type ThemesReport, type ReportTheme, type ReportGroup, type ReportMember } from './model.js';

export function renderReport(report: ThemesReport, options: Pick<Options, 'format' | 'explain' | 'top' | 'color' | 'excel'>): string {
  switch (options.format) {
    case 'json':
      return renderJson(report);
    case 'csv':
      return renderCsv(report, { excel: options.excel });
    case 'markdown':
      return renderMarkdown(report, options);
    case 'html':
      return renderHtml(report, options.top);
    case 'terminal':
      return renderTerminal(report, options);
  }
}

/** The same report in pieces to write one after another: JSON is never built as one string (it can outgrow one). */
export function renderReportChunks(report: ThemesReport, options: Pick<Options, 'format' | 'explain' | 'top' | 'color' | 'excel'>): Iterable<string> {
  return options.format === 'json' ? renderJsonChunks(report) : [renderReport(report, options)];
}
