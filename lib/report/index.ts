/** Report formats: one Report in, the text of the chosen format out. Formatting only; detection is elsewhere. */
import { formatReportJson } from './json';
import { formatReportJunit } from './junit';
import { formatReportSarif } from './sarif';
import { formatReportText } from './text';
import { Report } from './types';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

export interface FormatOptions {
  /** Text only: ANSI colours. */
  readonly color?: boolean;
  /** SARIF only: artifact URIs are relative to it. @default process.cwd() */
  readonly cwd?: string;
  /** SARIF only. */
  readonly toolVersion?: string;
  /** SARIF only: the tool's home page. */
  readonly informationUri?: string;
}

export const KUBEFORGE_URI = 'https://github.com/kubeforge/kubeforge';

export function formatReport(format: ReportFormat, report: Report, opts: FormatOptions = {}): string {
  switch (format) {
    case 'text':
      return formatReportText(report, opts.color ?? false);
    case 'json':
      return formatReportJson(report);
    case 'sarif':
      return formatReportSarif(report, {
        cwd: opts.cwd ?? process.cwd(),
        toolVersion: opts.toolVersion ?? '0.0.0',
        informationUri: opts.informationUri ?? KUBEFORGE_URI,
      });
    case 'junit':
      return formatReportJunit(report);
  }
}

export { Report, ReportCase, ReportFile, ReportedIssue, Summary, allIssues, summarize } from './types';
export { formatSummaryLine, formatIssuesText, useColor } from './text';
