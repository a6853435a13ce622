import { missingRequestsRule as rule } from '../../../lib/rules/lint';
import { container, expectWellFormed, pod } from './fixtures';

describe('missing-requests', () => {
  test('a container without requests is a warning naming both resources', () => {
    const issues = rule.check(pod('p', { containers: [container({ resources: undefined })] }), 'chart/p');
    expectWellFormed(issues, 'missing-requests');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'warning', constructPath: 'chart/p', jsonPointer: '/spec/containers/0' });
    expect(issues[0].message).toContain('container "app" has no cpu and memory request');
  });

  test('a missing memory request points at resources.requests', () => {
    const issues = rule.check(pod('p', { containers: [container({ resources: { requests: { cpu: '1' } } })] }), 'p');
    expect(issues.map((i) => [i.jsonPointer, i.message])).toEqual([['/spec/containers/0/resources/requests', expect.stringContaining('no memory request')]]);
  });

  test('explicit requests, or limits (which the API server copies to requests), pass', () => {
    expect(rule.check(pod('p'), 'p')).toEqual([]);
    expect(rule.check(pod('p', { containers: [container({ resources: { limits: { cpu: '1', memory: '1Gi' } } })] }), 'p')).toEqual([]);
  });
});
