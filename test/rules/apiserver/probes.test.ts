import { probesRule as rule } from '../../../lib/rules/apiserver/probes';
import { Obj, broken, expectOne, fixtures, podOf, run } from './fixtures';

const pod = (mutate: (spec: Obj) => void, base: Obj = fixtures.pod()) => broken(base, (o) => void mutate(podOf(o)));
const web = (mutate: (c: Obj) => void) => pod((s) => mutate(s.containers[0]));
const C = '/spec/containers/0';

describe('probes', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['an httpGet header name with a space', web((c) => void (c.readinessProbe.httpGet.httpHeaders = [{ name: 'X Probe', value: '1' }])), `${C}/readinessProbe/httpGet/httpHeaders/0/name`, ['"X Probe"']],
    ['a probe without a handler', web((c) => void (c.livenessProbe = { periodSeconds: 5 })), `${C}/livenessProbe`, ['no handler', 'exec, httpGet, tcpSocket, grpc']],
    ['a probe with two handlers', web((c) => void (c.readinessProbe.tcpSocket = { port: 8080 })), `${C}/readinessProbe`, ['2 handlers (httpGet, tcpSocket)']],
    ['a liveness probe with successThreshold 3', web((c) => void (c.livenessProbe = { tcpSocket: { port: 8080 }, successThreshold: 3 })), `${C}/livenessProbe/successThreshold`, ['successThreshold', 'requires 1']],
    ['a negative periodSeconds', web((c) => void (c.readinessProbe.periodSeconds = -1)), `${C}/readinessProbe/periodSeconds`, ['-1']],
    ['terminationGracePeriodSeconds on a readiness probe', web((c) => void (c.readinessProbe.terminationGracePeriodSeconds = 10)), `${C}/readinessProbe/terminationGracePeriodSeconds`, ['readiness probes do not allow']],
    ['a probe port out of range', web((c) => void (c.readinessProbe.httpGet.port = 0)), `${C}/readinessProbe/httpGet/port`, ['1 to 65535']],
    ['a probe port of quoted digits (a name)', web((c) => void (c.readinessProbe.httpGet.port = '8080')), `${C}/readinessProbe/httpGet/port`, ['"8080"', 'contain a letter']],
    ['an httpGet scheme in lower case', web((c) => void (c.readinessProbe.httpGet.scheme = 'https')), `${C}/readinessProbe/httpGet/scheme`, ['"https"', 'HTTP, HTTPS']],
    ['an exec probe without a command', web((c) => void (c.livenessProbe = { exec: { command: [] } })), `${C}/livenessProbe/exec/command`, ['no command']],
    ['a gRPC probe with a named port', web((c) => void (c.startupProbe = { grpc: { port: 'grpc' } })), `${C}/startupProbe/grpc/port`, ['no port names']],
    ['a preStop hook without a handler', web((c) => void (c.lifecycle = { preStop: {} })), `${C}/lifecycle/preStop`, ['no handler', 'sleep']],
    ['a preStop sleep longer than the grace period', web((c) => void (c.lifecycle = { preStop: { sleep: { seconds: 60 } } })), `${C}/lifecycle/preStop/sleep/seconds`, ['60', '(30)']],
    ['a probe on a run-to-completion init container', pod((s) => void (s.initContainers = [{ name: 'init', image: 'busybox:1', readinessProbe: { exec: { command: ['true'] } } }])), '/spec/initContainers/0/readinessProbe', ['init containers without restartPolicy Always']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['a sidecar init container with probes', pod((s) => void (s.initContainers = [{ name: 'proxy', image: 'envoy:1', restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 9901 } } }]))],
    ['a readiness probe with successThreshold 2', web((c) => void (c.readinessProbe.successThreshold = 2))],
    ['a liveness probe with its own grace period', web((c) => void (c.livenessProbe = { httpGet: { path: '/', port: 8080, scheme: 'HTTPS' }, terminationGracePeriodSeconds: 5 }))],
    ['a sleep within a raised grace period', pod((s) => { s.terminationGracePeriodSeconds = 120; s.containers[0].lifecycle = { preStop: { sleep: { seconds: 60 } } }; })],
    ['valid httpGet header names', web((c) => void (c.readinessProbe.httpGet.httpHeaders = [{ name: 'X-Probe-1', value: 'a b' }]))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });
});
