import { descendingPathProblem, ipProblem, minorOf, nonReservedPathProblem, podSpecIn } from '../../../lib/rules/apiserver/pod-support';

describe('pod-support', () => {
  test('minorOf reads the target minor, newest without a context', () => {
    expect(minorOf({ k8sVersion: '1.31' })).toBe(31);
    expect(minorOf()).toBe(37);
  });

  test.each<[string, boolean, string | undefined]>([
    ['10.0.0.1', true, undefined],
    ['fd00::1', true, undefined],
    ['2001:db8::10.0.0.1', true, undefined],
    ['1:2:3:4:5:6:7::', true, undefined],
    ['010.0.0.1', false, undefined],
    ['010.0.0.1', true, 'leading zeros'],
    ['::ffff:10.0.0.1', false, undefined],
    ['::ffff:a00:1', true, 'IPv4-mapped'],
    ['10.0.0.256', false, 'not a valid'],
    ['1:2:3:4:5:6:7:8:9', false, 'not a valid'],
    ['1::2::3', false, 'not a valid'],
    ['dns.local', false, 'not a valid'],
  ])('ipProblem(%s, strict %s)', (ip, strict, fragment) => {
    const got = ipProblem(ip, strict);
    if (fragment === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(fragment);
  });

  test('paths: relative, no ".." segment, and for items no ".." prefix', () => {
    expect(descendingPathProblem('a/b')).toBeUndefined();
    expect(descendingPathProblem('/a')).toContain('relative');
    expect(descendingPathProblem('a/../b')).toContain('".."');
    expect(descendingPathProblem('..data')).toBeUndefined();
    expect(nonReservedPathProblem('..data')).toContain('start with ".."');
    expect(nonReservedPathProblem('certs/..key')).toBeUndefined();
  });

  test('podSpecIn finds a PodTemplate\'s spec and the workload kinds\' specs', () => {
    expect(podSpecIn({ kind: 'PodTemplate', template: { spec: { containers: [] } } })?.pointer).toBe('/template/spec');
    expect(podSpecIn({ kind: 'Job', spec: { template: { spec: {} } } })?.pointer).toBe('/spec/template/spec');
    expect(podSpecIn({ kind: 'PodTemplate', template: 5 })).toBeUndefined();
  });
});
