/**
 * JUnit XML report, for CI systems that show test results: one <testsuite> per file, one <testcase> per object
 * (or per document that is not an object), one <failure> per test case that has errors (all its errors in the
 * body). Warnings go to the test case's <system-out>, so they are visible but pass. File-level problems (an
 * unreadable file, a syntax error) become a test case of their own.
 */
import { Report, ReportCase, ReportedIssue, ReportFile } from './types';

/** Escapes text and attribute values, and drops characters XML 1.0 cannot carry at all. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Attributes also escape line breaks, which parsers would otherwise normalise to spaces. */
function attr(s: string | number): string {
  return xmlEscape(String(s)).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function line(i: ReportedIssue): string {
  const where = `${i.file ?? ''}${i.line ? `:${i.line}${i.column ? `:${i.column}` : ''}` : ''}`;
  return `[${i.ruleId}] ${where}: ${i.message}${i.fix ? ` (fix: ${i.fix})` : ''}`;
}

function testcase(file: string, c: ReportCase): string {
  const errors = c.issues.filter((i) => i.severity === 'error');
  const warnings = c.issues.filter((i) => i.severity === 'warning');
  let body = '';
  if (errors.length) {
    const message = errors.length === 1 ? errors[0].message : `${errors.length} errors: ${errors.map((e) => e.ruleId).join(', ')}`;
    body += `      <failure message="${attr(message)}" type="${attr(errors[0].ruleId)}">${xmlEscape(errors.map(line).join('\n'))}</failure>\n`;
  }
  if (warnings.length) body += `      <system-out>${xmlEscape(warnings.map(line).join('\n'))}</system-out>\n`;
  const open = `    <testcase name="${attr(c.name)}" classname="${attr(file)}" file="${attr(file)}" line="${c.line}"`;
  return body ? `${open}>\n${body}    </testcase>\n` : `${open}/>\n`;
}

function casesOf(f: ReportFile): ReportCase[] {
  const fileLevel: ReportCase[] = f.issues.map((i) => ({
    name: i.ruleId === 'parse' ? `syntax at line ${i.line ?? 1}` : `read ${f.file}`,
    line: i.line ?? 1,
    isObject: false,
    issues: [i],
  }));
  return [...fileLevel, ...f.cases].sort((a, b) => a.line - b.line);
}

export function formatReportJunit(report: Report): string {
  let tests = 0;
  let failures = 0;
  let suites = '';
  for (const f of report.files) {
    const cases = casesOf(f);
    const failed = cases.filter((c) => c.issues.some((i) => i.severity === 'error')).length;
    tests += cases.length;
    failures += failed;
    suites += `  <testsuite name="${attr(f.file)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0">\n`;
    suites += cases.map((c) => testcase(f.file, c)).join('');
    suites += '  </testsuite>\n';
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="kubeforge validate" tests="${tests}" failures="${failures}" errors="0">\n${suites}</testsuites>\n`
  );
}
