import { privilegedContainerRule as rule } from '../../../lib/rules/lint';
import { container, expectWellFormed, pod } from './fixtures';

describe('privileged-container', () => {
  test('privileged, allowPrivilegeEscalation and SYS_ADMIN/ALL capabilities are each reported', () => {
    const sc = { privileged: true, allowPrivilegeEscalation: true, capabilities: { add: ['NET_BIND_SERVICE', 'CAP_SYS_ADMIN', 'all'] } };
    const issues = rule.check(pod('p', { containers: [container({ securityContext: sc })] }), 'chart/p');
    expectWellFormed(issues, 'privileged-container');
    expect(issues.map((i) => [i.severity, i.jsonPointer])).toEqual([
      ['warning', '/spec/containers/0/securityContext/privileged'],
      ['warning', '/spec/containers/0/securityContext/allowPrivilegeEscalation'],
      ['warning', '/spec/containers/0/securityContext/capabilities/add/1'],
      ['warning', '/spec/containers/0/securityContext/capabilities/add/2'],
    ]);
    expect(issues[2].message).toContain('CAP_SYS_ADMIN');
  });

  test('an unprivileged container with a narrow capability passes', () => {
    const sc = { privileged: false, allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } };
    expect(rule.check(pod('p', { containers: [container({ securityContext: sc })] }), 'p')).toEqual([]);
  });
});
