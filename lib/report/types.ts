/** What every report format reads: the findings, grouped by file and object, and the rules that produce them. */
import { RuleMeta } from '../rules/types';
import { Issue } from '../util/errors';

/** An issue as reported; `column` is known only for syntax errors. */
export interface ReportedIssue extends Issue {
  readonly column?: number;
}

/** One object (or, for a document that is not an object, the document) of a file: a JUnit test case. */
export interface ReportCase {
  /** e.g. `Deployment/web`, or `document at line 12`. */
  readonly name: string;
  readonly line: number;
  /** False for a document that is not an object (a scalar, an array). */
  readonly isObject: boolean;
  readonly issues: readonly ReportedIssue[];
}

export interface ReportFile {
  /** As shown to the user: the path as given (or found under a given directory), `<stdin>` for `-`. */
  readonly file: string;
  readonly cases: readonly ReportCase[];
  /** Issues that belong to no single object: an unreadable file, a syntax error. */
  readonly issues: readonly ReportedIssue[];
}

export interface Report {
  readonly files: readonly ReportFile[];
  /** Every rule that can appear in the results, for SARIF's rule metadata. */
  readonly rules: readonly RuleMeta[];
}

export interface Summary {
  readonly files: number;
  readonly objects: number;
  readonly errors: number;
  readonly warnings: number;
}

const sorted = new WeakMap<Report, readonly ReportedIssue[]>();

/** Every issue, file by file, in file order then line order (computed once per report: reports are immutable). */
export function allIssues(report: Report): readonly ReportedIssue[] {
  const known = sorted.get(report);
  if (known) return known;
  const out: ReportedIssue[] = [];
  for (const f of report.files) {
    const issues = [...f.issues, ...f.cases.flatMap((c) => c.issues)];
    out.push(...issues.map((issue, i) => ({ issue, i })).sort((a, b) => (a.issue.line ?? 0) - (b.issue.line ?? 0) || a.i - b.i).map((x) => x.issue));
  }
  sorted.set(report, out);
  return out;
}

export function summarize(report: Report): Summary {
  const issues = allIssues(report);
  return {
    files: report.files.length,
    objects: report.files.reduce((n, f) => n + f.cases.filter((c) => c.isObject).length, 0),
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
  };
}
