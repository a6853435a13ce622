import { deprecatedApiRule, disabledApiRule } from '../../../lib/rules/apiserver/api-lifecycle';
import { Obj, PATH, fixtures } from './fixtures';

const obj = (apiVersion: string, kind: string): Obj => ({ apiVersion, kind, metadata: { name: 'x' }, spec: {} });
const check = (rule: typeof disabledApiRule, o: Obj, k8sVersion?: string) => rule.check(o, PATH, k8sVersion ? { k8sVersion } : undefined);

describe('disabled-api', () => {
  test('a beta group/version that 1.37 leaves off names the runtime-config flag and a served alternative', () => {
    const [i, ...rest] = check(disabledApiRule, obj('resource.k8s.io/v1beta2', 'ResourceClaim'), '1.37');
    expect(rest).toEqual([]);
    expect(i).toMatchObject({ ruleId: 'disabled-api', severity: 'error', constructPath: PATH, jsonPointer: '/apiVersion' });
    expect(i.message).toContain('does not serve resource.k8s.io/v1beta2 ResourceClaim');
    expect(i.message).toContain('a beta API that the API server leaves off by default');
    // Deprecated as well: the server's own warning text follows.
    expect(i.message).toContain('resource.k8s.io/v1beta2 ResourceClaim is deprecated in v1.36+, unavailable in v1.39+');
    expect(i.fix).toContain('set apiVersion: resource.k8s.io/v1');
    expect(i.fix).toContain('--runtime-config=resource.k8s.io/v1beta2=true');
  });

  test('the served twin (resource.k8s.io/v1) passes', () => {
    expect(check(disabledApiRule, obj('resource.k8s.io/v1', 'ResourceClaim'), '1.37')).toEqual([]);
  });

  test('a kind whose storage also needs a feature gate names the gate', () => {
    const [i] = check(disabledApiRule, obj('scheduling.k8s.io/v1beta1', 'Workload'), '1.37');
    expect(i.message).toContain('needs the GenericWorkload feature gate');
    expect(i.fix).toContain('--runtime-config=scheduling.k8s.io/v1beta1=true and --feature-gates=GenericWorkload=true');
  });

  test('an alpha group/version says alpha', () => {
    const [i] = check(disabledApiRule, obj('admissionregistration.k8s.io/v1alpha1', 'MutatingAdmissionPolicy'), '1.37');
    expect(i.message).toContain('an alpha API');
    expect(i.fix).toContain('admissionregistration.k8s.io/v1');
  });

  test('a gate that turned on by default lifts the requirement (certificates.k8s.io/v1 ClusterTrustBundle, GA in 1.37)', () => {
    expect(check(disabledApiRule, obj('certificates.k8s.io/v1', 'ClusterTrustBundle'), '1.37')).toEqual([]);
  });

  test('the default target is the newest version', () => {
    expect(check(disabledApiRule, obj('storagemigration.k8s.io/v1beta1', 'StorageVersionMigration'))).toHaveLength(1);
  });

  test.each(Object.entries(fixtures))('GA kinds (%s) and custom resources pass', (_k, make) => {
    expect(check(disabledApiRule, make(), '1.37')).toEqual([]);
    expect(check(disabledApiRule, obj('example.com/v1alpha1', 'Widget'), '1.37')).toEqual([]);
  });

  test.each<[string, unknown]>([['null', null], ['no apiVersion', { kind: 'Pod' }], ['a numeric kind', { apiVersion: 'v1beta1', kind: 3 }], ['an array', []]])(
    'never throws on %s', (_t, o) => {
      expect(disabledApiRule.check(o as Obj, PATH)).toEqual([]);
      expect(deprecatedApiRule.check(o as Obj, PATH)).toEqual([]);
    });
});

describe('deprecated-api', () => {
  test('a deprecated API that the target still serves by default gets the server\'s warning', () => {
    const issues = check(deprecatedApiRule, obj('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema'), '1.31');
    expect(issues).toEqual([expect.objectContaining({ ruleId: 'deprecated-api', severity: 'warning', jsonPointer: '/apiVersion' })]);
    expect(issues[0].message).toBe('flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is deprecated in v1.29+, unavailable in v1.32+; use flowcontrol.apiserver.k8s.io/v1 FlowSchema');
    expect(issues[0].fix).toContain('before upgrading to Kubernetes 1.32');
  });

  test('v1 Endpoints (deprecated by hand in core/v1 lifecycle.go from 1.33, no removal): the server\'s warning', () => {
    const ep = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext' }, subsets: [] };
    const [i] = check(deprecatedApiRule, ep, '1.37');
    expect(i.message).toBe('v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice');
    expect(i.fix).toContain('move to discovery.k8s.io/v1 EndpointSlice (a different kind');
    expect(check(deprecatedApiRule, ep, '1.32')).toEqual([]);
    expect(check(disabledApiRule, ep, '1.37')).toEqual([]);
  });

  test('its replacement passes', () => {
    expect(check(deprecatedApiRule, obj('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema'), '1.31')).toEqual([]);
  });

  test('a deprecated API that is off by default is left to disabled-api', () => {
    const o = obj('resource.k8s.io/v1beta1', 'DeviceClass');
    expect(check(deprecatedApiRule, o, '1.37')).toEqual([]);
    expect(check(disabledApiRule, o, '1.37')).toHaveLength(1);
  });

  test('before its deprecation release there is no warning', () => {
    // coordination.k8s.io/v1beta1 LeaseCandidate: deprecated in 1.36; 1.35 does not warn (it is off by default anyway).
    expect(check(deprecatedApiRule, obj('coordination.k8s.io/v1beta1', 'LeaseCandidate'), '1.35')).toEqual([]);
  });
});
