import { duplicateObjectRule as rule } from '../../../lib/rules/lint';
import { expectWellFormed, inFile } from './fixtures';

const cm = (name: string, namespace?: string, apiVersion = 'v1') => ({ apiVersion, kind: 'ConfigMap', metadata: { name, ...(namespace ? { namespace } : {}) } });

describe('duplicate-object', () => {
  test('the same group, kind, namespace and name twice is an error at the second, naming both places', () => {
    const issues = rule.check([{ json: cm('same'), constructPath: 'c/a' }, { json: cm('same'), constructPath: 'c/b' }]);
    expectWellFormed(issues, 'duplicate-object');
    expect(issues.map((i) => [i.severity, i.constructPath, i.jsonPointer])).toEqual([['error', 'c/b', '/metadata/name']]);
    expect(issues[0].message).toContain('by c/a and by c/b');
    expect(rule.check(inFile(cm('x'), cm('x'))).map((i) => [i.file, i.line])).toEqual([['app.yaml', 11]]);
  });

  test('the same name in another namespace or of another kind passes', () => {
    expect(rule.check(inFile(cm('x'), cm('x', 'team'), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } }))).toEqual([]);
  });
});
