import { formatReport } from '../../lib/report';
import { formatSummaryLine } from '../../lib/report/text';
import { summarize } from '../../lib/report/types';
import { CLEAN, REPORT } from './fixture';

describe('text report', () => {
  test('prints severity, rule, file:line (and :column for syntax errors), message and fix, by file and line', () => {
    expect(formatReport('text', REPORT, { color: false })).toBe(
      'warning [object-metadata] k8s/web.yaml:5: label x="y z"\n  fix: change it\n' +
        'error [containers] k8s/web.yaml:12: container "web" has no valid image (undefined) & <needs> "one"\n  fix: set image, e.g. "nginx:1.27"\n' +
        'error [parse] k8s/db.yaml:3:7: not valid YAML: bad indentation\n  fix: fix it\n',
    );
  });

  test('colours the severity only when asked', () => {
    expect(formatReport('text', REPORT, { color: true })).toContain('\u001b[31merror\u001b[0m [containers]');
    expect(formatReport('text', REPORT, { color: false })).not.toContain('\u001b[');
  });

  test('a clean run prints nothing; the summary line counts files, objects, errors and warnings', () => {
    expect(formatReport('text', CLEAN, { color: false })).toBe('');
    expect(formatSummaryLine(summarize(REPORT))).toBe('2 files, 2 objects: 2 errors, 1 warnings\n');
  });
});
