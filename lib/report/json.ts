/**
 * JSON report, for scripts. The shape (stable; fields are only ever added):
 *
 *   {
 *     "summary": { "files": 2, "objects": 14, "errors": 1, "warnings": 3 },
 *     "issues": [
 *       { "ruleId": "containers", "severity": "error", "message": "...", "fix": "...",
 *         "file": "k8s/web.yaml", "line": 12, "column": 3, "jsonPointer": "/spec/template/spec/containers/0/image" }
 *     ]
 *   }
 *
 * Issues come file by file (in input order), then by line. `fix`, `column` (syntax errors only) and `jsonPointer`
 * are left out when unknown; `line` is 1-based.
 */
import { allIssues, Report, ReportedIssue, summarize } from './types';

function issueJson(i: ReportedIssue): Record<string, unknown> {
  const out: Record<string, unknown> = { ruleId: i.ruleId, severity: i.severity, message: i.message };
  if (i.fix !== undefined) out.fix = i.fix;
  if (i.file !== undefined) out.file = i.file;
  else if (i.constructPath !== undefined) out.constructPath = i.constructPath;
  if (i.line !== undefined) out.line = i.line;
  if (i.column !== undefined) out.column = i.column;
  if (i.jsonPointer !== undefined) out.jsonPointer = i.jsonPointer;
  return out;
}

export function formatReportJson(report: Report): string {
  return JSON.stringify({ summary: summarize(report), issues: allIssues(report).map(issueJson) }, null, 2) + '\n';
}
