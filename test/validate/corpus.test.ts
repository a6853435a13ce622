/**
 * The corpus: hand-written manifests as people really get them wrong (test/fixtures/corpus/invalid), each
 * starting with `# expect: <ruleId>[, <ruleId>...]` (the rules that must report it at error level), and their
 * correct twins (valid/), which must produce no error at all. Each file is validated on its own.
 */
import * as fs from 'fs';
import * as path from 'path';
import { allIssues } from '../../lib/report/types';
import { ALL_RULES } from '../../lib/rules';
import { INPUT_RULES, validateFiles } from '../../lib/validate';

const CORPUS = path.resolve(__dirname, '../../../test/fixtures/corpus');
const files = (dir: string) => fs.readdirSync(path.join(CORPUS, dir)).filter((f) => f.endsWith('.yaml')).sort();

/** Every id the engine and the input reader report: an expectation naming anything else is a typo. */
const KNOWN_IDS = new Set([...ALL_RULES.map((r) => r.id), ...INPUT_RULES.map((r) => r.id)]);

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
