import { runAsRootRule as rule } from '../../../lib/rules/lint';
import { container, expectWellFormed, pod } from './fixtures';

describe('run-as-root', () => {
  test('runAsUser 0 on the pod and on a container are reported where they are set', () => {
    const obj = pod('p', { securityContext: { runAsUser: 0 }, containers: [container(), container({ name: 'side', securityContext: { runAsUser: 0 } })] });
    const issues = rule.check(obj, 'chart/p');
    expectWellFormed(issues, 'run-as-root');
    expect(issues.map((i) => [i.severity, i.jsonPointer])).toEqual([
      ['warning', '/spec/securityContext/runAsUser'],
      ['warning', '/spec/containers/1/securityContext/runAsUser'],
    ]);
  });

  test('a container with runAsNonRoot unset (or false) and no user may run as root', () => {
    const obj = pod('p', { containers: [container({ securityContext: undefined }), container({ name: 'b', securityContext: { runAsNonRoot: false } })] });
    const issues = rule.check(obj, 'p');
    expect(issues.map((i) => i.jsonPointer)).toEqual(['/spec/containers/0', '/spec/containers/1/securityContext/runAsNonRoot']);
    expect(issues[0].message).toContain('runAsNonRoot is not set');
    expect(issues[1].message).toContain('runAsNonRoot is false');
  });

  test('runAsNonRoot on the pod, a non-zero runAsUser, or a Windows pod pass', () => {
    const bare = container({ securityContext: undefined });
    expect(rule.check(pod('p', { securityContext: { runAsNonRoot: true }, containers: [bare] }), 'p')).toEqual([]);
    expect(rule.check(pod('p', { securityContext: { runAsUser: 1000 }, containers: [bare] }), 'p')).toEqual([]);
    expect(rule.check(pod('p', { os: { name: 'windows' }, containers: [bare] }), 'p')).toEqual([]);
  });
});
