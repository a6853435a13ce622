import { hpaSpecRule as rule } from '../../../lib/rules/apiserver/hpa-spec';
import { Obj, broken, expectOne, fixtures, run } from './fixtures';

const hpa = (mutate: (spec: Obj) => void) => broken(fixtures.hpa(), (o) => void mutate(o.spec));
const metric = (m: Obj) => hpa((s) => void (s.metrics = [m]));
const M = '/spec/metrics/0';

describe('hpa-spec', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['minReplicas 0', hpa((s) => void (s.minReplicas = 0)), '/spec/minReplicas', ['HPAScaleToZero feature gate']],
    ['negative minReplicas', hpa((s) => void (s.minReplicas = -1)), '/spec/minReplicas', ['-1']],
    ['maxReplicas below minReplicas', hpa((s) => Object.assign(s, { minReplicas: 5, maxReplicas: 3 })), '/spec/maxReplicas', ['maxReplicas 3 is less than minReplicas 5']],
    ['maxReplicas 0', hpa((s) => void (s.maxReplicas = 0)), '/spec/maxReplicas', ['maxReplicas is 0']],
    ['a missing maxReplicas', hpa((s) => void delete s.maxReplicas), '/spec/maxReplicas', ['missing']],
    ['a scale target without kind', hpa((s) => void delete s.scaleTargetRef.kind), '/spec/scaleTargetRef/kind', ['scaleTargetRef.kind is missing']],
    ['a scale target name with "/"', hpa((s) => void (s.scaleTargetRef.name = 'apps/web')), '/spec/scaleTargetRef/name', ['"apps/web"']],
    ['a missing scale target', hpa((s) => void delete s.scaleTargetRef), '/spec/scaleTargetRef', ['scaleTargetRef is missing']],
    ['an unknown metric type', metric({ type: 'Cpu' }), `${M}/type`, ['"Cpu"']],
    ['a Resource metric without a name', metric({ type: 'Resource', resource: { target: { type: 'Utilization', averageUtilization: 50 } } }), `${M}/resource/name`, ['no resource name']],
    ['a Resource metric without a target', metric({ type: 'Resource', resource: { name: 'cpu' } }), `${M}/resource/target`, ['no target']],
    ['Utilization without averageUtilization', metric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageValue: '500m' } } }), `${M}/resource/target/averageUtilization`, ['Utilization but averageUtilization is not set']],
    ['averageUtilization 0', metric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } }), `${M}/resource/target/averageUtilization`, ['greater than 0']],
    ['a Resource metric with a raw value', metric({ type: 'Resource', resource: { name: 'memory', target: { type: 'Value', value: '1Gi' } } }), `${M}/resource/target`, ['does not accept value for resource metrics']],
    ['a target type typo', metric({ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'Average', averageValue: '10' } } }), `${M}/pods/target/type`, ['"Average"']],
    ['a zero averageValue', metric({ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '0' } } }), `${M}/pods/target/averageValue`, ['positive quantity']],
    ['an External metric without a name', metric({ type: 'External', external: { metric: {}, target: { type: 'Value', value: '10' } } }), `${M}/external/metric/name`, ['no metric.name']],
    ['a ContainerResource metric without a container', metric({ type: 'ContainerResource', containerResource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }), `${M}/containerResource/container`, ['no container name']],
    ['a policy periodSeconds over 1800', hpa((s) => void (s.behavior = { scaleUp: { policies: [{ type: 'Pods', value: 4, periodSeconds: 3600 }] } })), '/spec/behavior/scaleUp/policies/0/periodSeconds', ['3600', '1 to 1800']],
    ['a stabilization window over an hour', hpa((s) => void (s.behavior = { scaleDown: { stabilizationWindowSeconds: 7200 } })), '/spec/behavior/scaleDown/stabilizationWindowSeconds', ['7200']],
    ['a selectPolicy typo', hpa((s) => void (s.behavior = { scaleDown: { selectPolicy: 'max' } })), '/spec/behavior/scaleDown/selectPolicy', ['"max"']],
    ['an empty policies list', hpa((s) => void (s.behavior = { scaleUp: { policies: [] } })), '/spec/behavior/scaleUp/policies', ['at least one policy']],
    ['an autoscaling/v1 target of 0%', broken(fixtures.hpa(), (o) => { o.apiVersion = 'autoscaling/v1'; delete o.spec.metrics; o.spec.targetCPUUtilizationPercentage = 0; }), '/spec/targetCPUUtilizationPercentage', ['greater than 0']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test('a metric with the source of another type is missing its own and has a forbidden one', () => {
    const issues = run(rule, metric({ type: 'Resource', pods: { metric: { name: 'x' }, target: { type: 'AverageValue', averageValue: '1' } } }));
    expect(issues.map((i) => i.jsonPointer)).toEqual([`${M}/pods`, `${M}/resource`]);
    expect(issues[0].message).toContain('may not also set pods');
    expect(issues[1].message).toContain('needs resource');
  });

  test.each<[string, Obj]>([
    ['no minReplicas (defaults to 1)', hpa((s) => void delete s.minReplicas)],
    ['an AverageValue memory target', metric({ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } })],
    ['an Object metric', metric({ type: 'Object', object: { describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' }, metric: { name: 'rps' }, target: { type: 'Value', value: '2k' } } })],
    ['behavior with policies and a window', hpa((s) => void (s.behavior = { scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Min', policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] } }))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });
});
