import { formatReportJson } from '../../lib/report/json';
import { allIssues, summarize } from '../../lib/report/types';
import { CLEAN, REPORT } from './fixture';

describe('JSON report', () => {
  test('is { summary, issues }: counts, then every issue by file and line, without unknown fields', () => {
    const out = JSON.parse(formatReportJson(REPORT));
    expect(Object.keys(out)).toEqual(['summary', 'issues']);
    expect(out.summary).toEqual({ files: 2, objects: 2, errors: 2, warnings: 1 });
    expect(out.issues.map((i: any) => `${i.file}:${i.line}`)).toEqual(['k8s/web.yaml:5', 'k8s/web.yaml:12', 'k8s/db.yaml:3']);
    expect(out.issues[1]).toEqual({
      ruleId: 'containers',
      severity: 'error',
      message: 'container "web" has no valid image (undefined) & <needs> "one"',
      fix: 'set image, e.g. "nginx:1.27"',
      file: 'k8s/web.yaml',
      line: 12,
      jsonPointer: '/spec/template/spec/containers/0/image',
    });
    expect(out.issues[2]).toMatchObject({ ruleId: 'parse', line: 3, column: 7 });
    expect(out.issues[2]).not.toHaveProperty('jsonPointer');
  });

  test('a clean run has an empty issue list', () => {
    expect(JSON.parse(formatReportJson(CLEAN))).toEqual({ summary: { files: 1, objects: 1, errors: 0, warnings: 0 }, issues: [] });
  });

  test('summarize does not count documents that are not objects', () => {
    const r = { ...CLEAN, files: [{ ...CLEAN.files[0], cases: [...CLEAN.files[0].cases, { name: 'document at line 9', line: 9, isObject: false, issues: [] }] }] };
    expect(summarize(r).objects).toBe(1);
    expect(allIssues(r)).toEqual([]);
  });
});
