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
    const msg = withPlace(i, column);
    out += `${sev} [${i.ruleId}] ${msg}\n`;
    if (i.fix && !i.message.includes(`Fix: ${i.fix}`)) out += `  fix: ${i.fix}\n`;
  }
  return out;
}

/**
 * `place: message`. The place is file:line, the construct path, or both for an object read from a file
 * (`legacy.yaml:12 (shop/legacy/Deployment-web)`). KubeforgeError messages already start with their construct
 * path: it is not printed twice.
 */
export function withPlace(i: Issue | ReportedIssue, column = ''): string {
  const file = i.file ? `${i.file}${i.line ? `:${i.line}${column}` : ''}` : undefined;
  const path = i.constructPath;
  if (path && i.message.startsWith(path)) return file ? `${file}: ${i.message}` : i.message;
  if (file && i.message.startsWith(file)) return i.message;
  const where = file && path ? `${file} (${path})` : (file ?? path);
  return `${where ? where + ': ' : ''}${i.message}`;
}

export function formatReportText(report: Report, color: boolean): string {
  return formatIssuesText(allIssues(report), color);
}

/** The one-line summary `kubeforge validate` writes to stderr in text mode. Always plural, for grep. */
export function formatSummaryLine(s: Summary): string {
  return `${s.files} files, ${s.objects} objects: ${s.errors} errors, ${s.warnings} warnings\n`;
}
