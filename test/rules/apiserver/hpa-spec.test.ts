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
    ['minReplicas 0 with only a CPU metric (1.37 allows 0 with an Object or External metric)', hpa((s) => void (s.minReplicas = 0)), '/spec/metrics', ['at least one Object or External metric']],
    ['minReplicas 0 without metrics (defaulted to CPU)', hpa((s) => { s.minReplicas = 0; delete s.metrics; }), '/spec/minReplicas', ['at least one Object or External metric']],
    ['a scale target apiVersion without a group', hpa((s) => void (s.scaleTargetRef.apiVersion = 'v1')), '/spec/scaleTargetRef/apiVersion', ['must name an API group']],
    ['a scale target without apiVersion', hpa((s) => void delete s.scaleTargetRef.apiVersion), '/spec/scaleTargetRef/apiVersion', ['missing']],
    ['a scale target apiVersion with two slashes', hpa((s) => void (s.scaleTargetRef.apiVersion = 'apps/v1/x')), '/spec/scaleTargetRef/apiVersion', ['group/version']],
    ['a metric name with "/"', metric({ type: 'Pods', pods: { metric: { name: 'a/b' }, target: { type: 'AverageValue', averageValue: '1' } } }), `${M}/pods/metric/name`, ['"a/b"']],
    ['a Pods target without averageValue', metric({ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'Value', value: '1' } } }), `${M}/pods/target/averageValue`, ['needs averageValue']],
    ['an Object target without value or averageValue', metric({ type: 'Object', object: { describedObject: { apiVersion: 'v1', kind: 'Service', name: 's' }, metric: { name: 'rps' }, target: { type: 'Value' } } }), `${M}/object/target/averageValue`, ['needs value or averageValue']],
    ['an External target with value and averageValue', metric({ type: 'External', external: { metric: { name: 'q' }, target: { type: 'Value', value: '1', averageValue: '1' } } }), `${M}/external/target/value`, ['both value and averageValue']],
    ['a ContainerResource with a non-standard resource', metric({ type: 'ContainerResource', containerResource: { name: 'gpu', container: 'web', target: { type: 'Utilization', averageUtilization: 60 } } }), `${M}/containerResource/name`, ['"gpu"']],
    ['a ContainerResource with an invalid container name', metric({ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'Web_1', target: { type: 'Utilization', averageUtilization: 60 } } }), `${M}/containerResource/container`, ['"Web_1"']],
    ['a negative tolerance', hpa((s) => void (s.behavior = { scaleUp: { tolerance: '-0.1', policies: [{ type: 'Pods', value: 1, periodSeconds: 15 }] } })), '/spec/behavior/scaleUp/tolerance', ['non-negative']],
    ['negative minReplicas', hpa((s) => void (s.minReplicas = -1)), '/spec/minReplicas', ['-1']],
    ['maxReplicas below minReplicas', hpa((s) => Object.assign(s, { minReplicas: 5, maxReplicas: 3 })), '/spec/maxReplicas', ['maxReplicas 3 is less than minReplicas 5']],
    ['maxReplicas 0', hpa((s) => void (s.maxReplicas = 0)), '/spec/maxReplicas', ['maxReplicas is 0']],
    ['a missing maxReplicas', hpa((s) => void delete s.maxReplicas), '/spec/maxReplicas', ['missing']],
    ['a scale target without kind', hpa((s) => void delete s.scaleTargetRef.kind), '/spec/scaleTargetRef/kind', ['scaleTargetRef.kind is missing']],
    ['a scale target name with "/"', hpa((s) => void (s.scaleTargetRef.name = 'apps/web')), '/spec/scaleTargetRef/name', ['"apps/web"']],
    ['a missing scale target', hpa((s) => void delete s.scaleTargetRef), '/spec/scaleTargetRef', ['scaleTargetRef is missing']],
    ['an unknown metric type', metric({ type: 'Cpu' }), `${M}/type`, ['"Cpu"']],
    ['a Resource metric without a name', metric({ type: 'Resource', resource: { target: { type: 'Utilization', averageUtilization: 50 } } }), `${M}/resource/name`, ['no resource name']],
    ['a Resource target with neither averageUtilization nor averageValue', metric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }), `${M}/resource/target/averageUtilization`, ['needs averageUtilization or averageValue']],
    ['averageUtilization 0', metric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } }), `${M}/resource/target/averageUtilization`, ['greater than 0']],
    ['a Resource metric with a raw value', metric({ type: 'Resource', resource: { name: 'memory', target: { type: 'Value', value: '1Gi' } } }), `${M}/resource/target/averageUtilization`, ['value is not used for resource metrics']],
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

  test('a metric with only the source of another type is missing its own (the other is not forbidden when it is the only one)', () => {
    const issues = run(rule, metric({ type: 'Resource', pods: { metric: { name: 'x' }, target: { type: 'AverageValue', averageValue: '1' } } }));
    expect(issues.map((i) => i.jsonPointer)).toEqual([`${M}/resource`]);
    expect(issues[0].message).toContain('needs resource');
  });

  test('a metric with its own source and another forbids the other', () => {
    const issues = run(rule, metric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } }, pods: { metric: { name: 'x' }, target: { type: 'AverageValue', averageValue: '1' } } }));
    expect(issues.map((i) => i.jsonPointer)).toEqual([`${M}/pods`]);
    expect(issues[0].message).toContain('may not also set pods');
  });

  test('a Resource metric without a target has neither a target type nor a value', () => {
    expect(run(rule, metric({ type: 'Resource', resource: { name: 'cpu' } })).map((i) => i.jsonPointer)).toEqual([`${M}/resource/target/type`, `${M}/resource/target/averageUtilization`]);
  });

  describe('gated by the target version', () => {
    const zero = hpa((s) => { s.minReplicas = 0; s.metrics = [{ type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } }]; });
    test('minReplicas 0 with an External metric: accepted by 1.37 (HPAScaleToZero beta, on)', () => {
      expect(rule.check(zero, 'p', { k8sVersion: '1.37' })).toEqual([]);
      expect(run(rule, zero)).toEqual([]);
    });
    test('minReplicas 0 with an External metric: rejected by 1.36 (HPAScaleToZero alpha, off)', () => {
      const issues = rule.check(zero, 'p', { k8sVersion: '1.36' });
      expect(issues.map((i) => i.jsonPointer)).toEqual(['/spec/minReplicas']);
      expect(issues[0].message).toContain('HPAScaleToZero');
      expect(rule.check(hpa((s) => void (s.minReplicas = 1)), 'p', { k8sVersion: '1.36' })).toEqual([]);
    });
    const tol = hpa((s) => void (s.behavior = { scaleDown: { tolerance: '-1', policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] } }));
    test('a negative tolerance is dropped where HPAConfigurableTolerance is off (1.34), rejected where it is on (1.35)', () => {
      expect(rule.check(tol, 'p', { k8sVersion: '1.34' })).toEqual([]);
      expect(rule.check(tol, 'p', { k8sVersion: '1.35' }).map((i) => i.jsonPointer)).toEqual(['/spec/behavior/scaleDown/tolerance']);
    });
  });

  test.each<[string, Obj]>([
    ['no minReplicas (defaults to 1)', hpa((s) => void delete s.minReplicas)],
    ['an AverageValue memory target', metric({ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } })],
    ['an Object metric', metric({ type: 'Object', object: { describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' }, metric: { name: 'rps' }, target: { type: 'Value', value: '2k' } } })],
    ['Utilization with averageValue instead of averageUtilization (the server does not match the two)', metric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageValue: '500m' } } })],
    ['a ReplicationController target in the core group', hpa((s) => void (s.scaleTargetRef = { apiVersion: 'v1', kind: 'ReplicationController', name: 'rc' }))],
    ['a zero tolerance', hpa((s) => void (s.behavior = { scaleUp: { tolerance: '0', policies: [{ type: 'Pods', value: 1, periodSeconds: 15 }] } }))],
    ['a ContainerResource memory metric', metric({ type: 'ContainerResource', containerResource: { name: 'memory', container: 'web', target: { type: 'AverageValue', averageValue: '300Mi' } } })],
    ['behavior with policies and a window', hpa((s) => void (s.behavior = { scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Min', policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] } }))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });
});
