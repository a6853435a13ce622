import {
  apiLifecycle, deprecationWarning, featureEnabled, featureEnabledEverywhere, featureGate, isDeprecatedIn, lifecycleMinors, lifecycleRelease, minorAtLeast, minorOf,
  notServedByDefault, servedByDefault,
} from '../../lib/schema/lifecycle';

describe('lifecycle data', () => {
  test('minorAtLeast compares the clamped target minor (undefined is the newest)', () => {
    expect(minorAtLeast('1.36', '1.37')).toBe(false);
    expect(minorAtLeast('1.37', '1.37')).toBe(true);
    expect(minorAtLeast('v1.37.1', '1.37')).toBe(true);
    expect(minorAtLeast(undefined, '1.37')).toBe(true);
    expect(minorAtLeast('1.31', '1.31')).toBe(true);
    expect(minorAtLeast('1.30', '1.31')).toBe(false);
  });

  test('covers every minor 1.30 to 1.37, read from the newest patch of each', () => {
    expect(lifecycleMinors()).toEqual(['1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.37']);
    expect(lifecycleRelease('1.37')).toBe('v1.37.2');
    expect(lifecycleRelease('1.30')).toBe('v1.30.14');
  });

  test('versions: forms, default and clamping', () => {
    expect(minorOf('v1.33.4')).toBe('1.33');
    expect(minorOf(undefined)).toBe('1.37');
    expect(minorOf('1.20')).toBe('1.30');
    expect(minorOf('1.99')).toBe('1.37');
  });

  test('feature gate defaults follow the versioned specs', () => {
    expect(featureEnabled('HPAScaleToZero', '1.36')).toBe(false);
    expect(featureEnabled('HPAScaleToZero', '1.37')).toBe(true);
    expect(featureGate('HPAScaleToZero', '1.37')).toEqual({ enabled: true, stage: 'BETA', locked: false, listed: true });
    expect(featureGate('JobManagedBy', '1.30')).toMatchObject({ enabled: false, stage: 'ALPHA' });
    expect(featureGate('JobManagedBy', '1.35')).toMatchObject({ enabled: true, stage: 'GA', locked: true });
    expect(featureEnabled('NoSuchGate', '1.37')).toBe(false);
    expect(featureGate('NoSuchGate')).toBeUndefined();
    // A staging (apiextensions-apiserver) gate.
    expect(featureEnabled('CRDValidationRatcheting', '1.30')).toBe(true);
    expect(featureEnabledEverywhere('CRDValidationRatcheting')).toBe(true);
    expect(featureEnabledEverywhere('HPAScaleToZero')).toBe(false);
  });

  test('API lifecycle and the server warning text', () => {
    const l = apiLifecycle('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.30')!;
    expect(l).toMatchObject({ introduced: '1.26', deprecated: '1.29', removed: '1.32', replacement: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema' } });
    expect(isDeprecatedIn(l, '1.30')).toBe(true);
    expect(isDeprecatedIn(l, '1.28')).toBe(true); // clamped to 1.30
    expect(deprecationWarning('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', l)).toBe(
      'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is deprecated in v1.29+, unavailable in v1.32+; use flowcontrol.apiserver.k8s.io/v1 FlowSchema');
    expect(apiLifecycle('example.com/v1', 'Widget')).toBeUndefined();
    expect(apiLifecycle('v1', 'Endpoints', '1.33')).toMatchObject({ deprecated: '1.33', replacement: { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' } });
    expect(apiLifecycle('v1', 'Endpoints', '1.32')?.deprecated).toBeUndefined();
    expect(isDeprecatedIn(apiLifecycle('apps/v1', 'Deployment'), '1.37')).toBe(false);
  });

  test('default-served group/versions, with the legacy beta kinds that stayed on', () => {
    expect(servedByDefault('apps/v1', '1.37', 'Deployment')).toBe(true);
    expect(servedByDefault('storage.k8s.io/v1beta1', '1.30')).toBe(false);
    expect(notServedByDefault('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.31')).toBeUndefined();
    expect(notServedByDefault('flowcontrol.apiserver.k8s.io/v1beta3', 'Other', '1.31')).toMatchObject({ runtimeConfig: 'flowcontrol.apiserver.k8s.io/v1beta3=true' });
    expect(notServedByDefault('resource.k8s.io/v1beta1', 'ResourceClaim', '1.32')).toEqual({ runtimeConfig: 'resource.k8s.io/v1beta1=true', level: 'beta' });
    expect(notServedByDefault('scheduling.k8s.io/v1beta1', 'Workload', '1.37')).toMatchObject({ featureGate: 'GenericWorkload' });
  });
});
