/** Plain-text report. Colour only on a TTY and never when NO_COLOR is set (https://no-color.org). */
import { Issue } from '../util/errors';
import { allIssues, Report, ReportedIssue, Summary } from './types';

export function useColor(stream: NodeJS.WriteStream = process.stderr): boolean {
  return !!stream.isTTY && !('NO_COLOR' in process.env) && process.env.KUBEFORGE_NO_COLOR !== '1';
}

export function formatIssuesText(issues: readonly (Issue | ReportedIssue)[], color = useColor()): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  let out = '';
  for (const i of issues) {
    const sev = i.severity === 'error' ? paint('31', 'error') : paint('33', 'warning');
    const column = 'column' in i && i.column ? `:${i.column}` : '';
    const where = i.file ? `${i.file}${i.line ? `:${i.line}${column}` : ''}` : i.constructPath;
    // KubeforgeError messages already start with their path; avoid printing it twice.
    const msg = where && i.message.startsWith(where) ? i.message : `${where ? where + ': ' : ''}${i.message}`;
    out += `${sev} [${i.ruleId}] ${msg}\n`;
    if (i.fix && !i.message.includes(`Fix: ${i.fix}`)) out += `  fix: ${i.fix}\n`;
  }
  return out;
}

export function formatReportText(report: Report, color: boolean): string {
  return formatIssuesText(allIssues(report), color);
}

/** The one-line summary `kubeforge validate` writes to stderr in text mode. Always plural, for grep. */
export function formatSummaryLine(s: Summary): string {
  return `${s.files} files, ${s.objects} objects: ${s.errors} errors, ${s.warnings} warnings\n`;
}
