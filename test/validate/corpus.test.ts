/**
 * The corpus: hand-written manifests as people really get them wrong (test/fixtures/corpus/invalid), each
 * starting with `# expect: <ruleId>[, <ruleId>...]` (the rules that must report it at error level), and their
 * correct twins (valid/), which must produce no error at all. Each file is validated on its own.
 */
import * as fs from 'fs';
import * as path from 'path';
import { allIssues } from '../../lib/report/types';
import { validateFiles } from '../../lib/validate';

const CORPUS = path.resolve(__dirname, '../../../test/fixtures/corpus');
const files = (dir: string) => fs.readdirSync(path.join(CORPUS, dir)).filter((f) => f.endsWith('.yaml')).sort();

/** The rule ids agreed between the schema, API-server, lint and validate work. */
const KNOWN_IDS = new Set([
  'schema', 'unknown-field', 'unknown-api', 'removed-api',
  'object-metadata', 'containers', 'selector-match', 'service-spec', 'pvc-spec', 'cronjob-schedule',
  'service-selects-no-pod', 'service-target-port', 'hpa-target-missing', 'hpa-no-requests', 'hpa-fixed-replicas',
  'pvc-no-match', 'pv-pvc-mismatch', 'missing-reference', 'probe-port', 'image-latest-tag', 'missing-requests',
  'missing-limits', 'privileged-container', 'run-as-root', 'namespace-missing', 'duplicate-object',
  'parse', 'not-an-object',
]);

function expectations(file: string): string[] {
  const first = fs.readFileSync(file, 'utf8').split('\n', 1)[0];
  const m = /^# expect: (.+)$/.exec(first);
  if (!m) throw new Error(`${file} must start with "# expect: <ruleId>[, <ruleId>...]"`);
  return m[1].split(',').map((s) => s.trim());
}

describe('corpus: invalid manifests', () => {
  test('there is a realistic spread of them', () => {
    expect(files('invalid').length).toBeGreaterThanOrEqual(15);
  });

  test.each(files('invalid'))('%s reports its expected rules at error level', (name) => {
    const file = path.join(CORPUS, 'invalid', name);
    const expected = expectations(file);
    for (const id of expected) expect(KNOWN_IDS).toContain(id);
    const issues = allIssues(validateFiles([file]));
    const errors = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.ruleId));
    expect({ file: name, reported: [...errors].sort() }).toEqual({ file: name, reported: expect.arrayContaining(expected) });
    for (const i of issues) {
      expect(i.file).toBe(file);
      expect(i.line).toBeGreaterThan(0);
      expect(i.message.startsWith(file)).toBe(false); // reports print the location; messages do not repeat it
    }
  });
});

describe('corpus: valid twins', () => {
  test.each(files('valid'))('%s produces no error', (name) => {
    const file = path.join(CORPUS, 'valid', name);
    const errors = allIssues(validateFiles([file])).filter((i) => i.severity === 'error');
    expect(errors).toEqual([]);
  });
});
