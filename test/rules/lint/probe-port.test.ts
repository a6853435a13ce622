import { probePortRule as rule } from '../../../lib/rules/lint';
import { container, expectWellFormed, pod } from './fixtures';

describe('probe-port', () => {
  test('a probe on an undeclared port name is an error; an undeclared number is a warning', () => {
    const c = container({
      livenessProbe: { httpGet: { path: '/healthz', port: 'health' } },
      readinessProbe: { tcpSocket: { port: 9090 } },
    });
    const issues = rule.check(pod('p', { containers: [c] }), 'chart/p');
    expectWellFormed(issues, 'probe-port');
    expect(issues.map((i) => [i.severity, i.constructPath, i.jsonPointer])).toEqual([
      ['error', 'chart/p', '/spec/containers/0/livenessProbe/httpGet/port'],
      ['warning', 'chart/p', '/spec/containers/0/readinessProbe/tcpSocket/port'],
    ]);
    expect(issues[0].message).toContain('port "health"');
    expect(issues[0].message).toContain('http (8080)');
    expect(issues[1].message).toContain('port 9090');
  });

  test('probes on a declared name or number, or on another host, pass', () => {
    const c = container({
      livenessProbe: { httpGet: { path: '/', port: 'http' } },
      readinessProbe: { tcpSocket: { port: 8080 } },
      startupProbe: { httpGet: { host: 'sidecar.local', port: 9999 } },
    });
    expect(rule.check(pod('p', { containers: [c] }), 'p')).toEqual([]);
  });
});
