import { namespaceMissingRule as rule } from '../../../lib/rules/lint';
import { expectWellFormed, inFile } from './fixtures';

const cm = (name: string, namespace?: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace ? { namespace } : {}) } });

describe('namespace-missing', () => {
  test('a namespace that no Namespace object creates is one warning at its first object', () => {
    const issues = rule.check(inFile(cm('a', 'team'), cm('b', 'team'), cm('c', 'team')));
    expectWellFormed(issues, 'namespace-missing');
    expect(issues.map((i) => [i.severity, i.line, i.jsonPointer])).toEqual([['warning', 1, '/metadata/namespace']]);
    expect(issues[0].message).toContain('ConfigMap "a" (and 2 more objects) is in namespace "team"');
  });

  test('a Namespace of the set (declared anywhere), built-in namespaces and objects without namespace pass', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } };
    expect(rule.check(inFile(cm('a', 'team'), ns, cm('b', 'kube-system'), cm('c', 'default'), cm('d')))).toEqual([]);
  });
});
