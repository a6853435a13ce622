import { descendingPathProblem, nonReservedPathProblem, podSpecIn } from '../../../lib/rules/apiserver/pod-support';

describe('pod-support', () => {
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
