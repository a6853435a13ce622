import { checkSchema, isServed, K8S_VERSIONS } from '../../lib/schema';
import { deployment, hpa } from './fixtures';

const V = '1.37';

function apiIssue(obj: Record<string, any>, version = V, custom?: ReadonlySet<string>) {
  const issues = checkSchema(obj, 'app/x', version, custom);
  expect(issues).toHaveLength(1);
  expect(issues[0]).toMatchObject({ severity: 'error', constructPath: 'app/x', jsonPointer: '/apiVersion' });
  return issues[0];
}

describe('removed APIs, derived from the specs of every minor since 1.15', () => {
  test.each([
    ['extensions/v1beta1', 'Deployment', 'apps/v1', 'spec.selector'],
    ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', 'autoscaling/v2', 'target: {type: Utilization, averageUtilization: 50}'],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', 'autoscaling/v2', 'only apiVersion changes'],
    ['batch/v1beta1', 'CronJob', 'batch/v1', 'only apiVersion changes'],
    ['policy/v1beta1', 'PodDisruptionBudget', 'policy/v1', 'empty spec.selector'],
    ['networking.k8s.io/v1beta1', 'Ingress', 'networking.k8s.io/v1', 'pathType'],
    ['extensions/v1beta1', 'Ingress', 'networking.k8s.io/v1', 'service: {name, port'],
  ])('%s %s -> %s', (apiVersion, kind, replacement, move) => {
    const i = apiIssue({ apiVersion, kind, metadata: { name: 'x' } });
    expect(i.ruleId).toBe('removed-api');
    expect(i.message).toContain(`${apiVersion} ${kind} was removed in Kubernetes 1.`);
    expect(i.message).toContain(`its replacement is ${replacement} ${kind}`);
    expect(i.fix).toContain(`set apiVersion: ${replacement}`);
    expect(i.fix).toContain(move);
  });

  test('removal versions come from the specs: v2beta1 HPA last served by 1.24, v2beta2 by 1.25', () => {
    expect(apiIssue({ apiVersion: 'autoscaling/v2beta1', kind: 'HorizontalPodAutoscaler' }).message).toContain('removed in Kubernetes 1.25 (last served by 1.24)');
    expect(apiIssue({ apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler' }).message).toContain('removed in Kubernetes 1.26 (last served by 1.25)');
  });

  test('a removed API without a replacement kind says so', () => {
    const i = apiIssue({ apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy' });
    expect(i.ruleId).toBe('removed-api');
    expect(i.message).toContain('no API of kind PodSecurityPolicy replaces it');
    expect(i.fix).toContain('Pod Security Admission');
  });

  test('the replacements pass (correct twins)', () => {
    expect(checkSchema(hpa(), 'p', V)).toEqual([]);
    expect(checkSchema({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'x' }, spec: { minAvailable: 1 } }, 'p', V)).toEqual([]);
    expect(checkSchema({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'x' }, spec: { schedule: '* * * * *', jobTemplate: {} } }, 'p', V)).toEqual([]);
  });
});

describe('unknown APIs', () => {
  test('Deployment under v1 names apps/v1', () => {
    const i = apiIssue({ ...deployment(), apiVersion: 'v1' });
    expect(i.ruleId).toBe('unknown-api');
    expect(i.message).toContain('Deployment is served as apps/v1');
    expect(i.fix).toBe('set apiVersion: apps/v1');
  });

  test('a misspelt kind in a built-in group', () => {
    const i = apiIssue({ apiVersion: 'v1', kind: 'Configmap' });
    expect(i.ruleId).toBe('unknown-api');
    expect(i.message).toContain('serves no kind Configmap');
  });

  test('a custom resource without its CRD in the set is unknown; with it, it passes unchecked', () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { anything: true } };
    const i = apiIssue(widget);
    expect(i.ruleId).toBe('unknown-api');
    expect(i.message).toContain('no CustomResourceDefinition in this set defines example.com/Widget');
    expect(checkSchema(widget, 'p', V, new Set(['example.com/Widget']))).toEqual([]);
  });

  test('a missing or non-string apiVersion/kind is a schema error', () => {
    const issues = checkSchema({ apiVersion: 1, metadata: {} }, 'p', V);
    expect(issues.map((i) => [i.ruleId, i.jsonPointer])).toEqual([
      ['schema', '/apiVersion'],
      ['schema', '/kind'],
    ]);
  });
});

describe('HPA scaleTargetRef', () => {
  test('a removed apiVersion in scaleTargetRef is reported at its pointer', () => {
    const h = hpa();
    h.spec.scaleTargetRef.apiVersion = 'extensions/v1beta1';
    const issues = checkSchema(h, 'p', V);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ ruleId: 'removed-api', jsonPointer: '/spec/scaleTargetRef/apiVersion' });
    expect(issues[0].fix).toContain('set apiVersion: apps/v1');
  });

  test('a scale target of a custom kind defined in the set passes', () => {
    const h = hpa();
    h.spec.scaleTargetRef = { apiVersion: 'example.com/v1', kind: 'Widget', name: 'w' };
    expect(checkSchema(h, 'p', V).map((i) => i.ruleId)).toEqual(['unknown-api']);
    expect(checkSchema(h, 'p', V, new Set(['example.com/Widget']))).toEqual([]);
  });
});

describe('every bundled version', () => {
  test.each([...K8S_VERSIONS])('%s validates a correct Deployment and rejects the misplaced spec', (v) => {
    expect(checkSchema(deployment(), 'p', v)).toEqual([]);
    const d = deployment();
    d.metadata.spec = d.spec;
    expect(checkSchema(d, 'p', v).map((i) => i.jsonPointer)).toContain('/metadata/spec');
  });

  test('isServed follows the target version', () => {
    expect(isServed('1.37', 'apps/v1', 'Deployment')).toBe(true);
    expect(isServed('v1.36.3', 'autoscaling/v2beta2', 'HorizontalPodAutoscaler')).toBe(false);
    expect(isServed('1.37', 'v1', 'Deployment')).toBe(false);
  });
});
