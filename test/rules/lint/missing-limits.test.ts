import { missingLimitsRule as rule } from '../../../lib/rules/lint';
import { container, expectWellFormed, pod } from './fixtures';

describe('missing-limits', () => {
  test('a container without a memory limit is a warning', () => {
    const obj = pod('p', { containers: [container({ resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2' } } })] });
    const issues = rule.check(obj, 'chart/p');
    expectWellFormed(issues, 'missing-limits');
    expect(issues.map((i) => [i.severity, i.jsonPointer])).toEqual([['warning', '/spec/containers/0/resources/limits']]);
    expect(issues[0].message).toContain('container "app" has no memory limit');
  });

  test('a memory limit without a cpu limit passes (cpu limits are not required)', () => {
    const obj = pod('p', { containers: [container({ resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi' } } })] });
    expect(rule.check(obj, 'p')).toEqual([]);
  });
});
