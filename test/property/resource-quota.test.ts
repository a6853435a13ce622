/** Property: random valid quotas (limits, counts, storage classes, scopes) synthesize clean; broken ones never do. */
import * as fc from 'fast-check';
import { ApiResource, PriorityClass, QuotaScope, ResourceQuota, ScopeSelector, StorageClass } from '../../lib';
import { expectClean, expectRejected, outcome, RUNS } from './util';

const quantity = fc.oneof(fc.integer({ min: 0, max: 10000 }), fc.tuple(fc.integer({ min: 0, max: 999 }), fc.constantFrom('', 'm', 'k', 'Mi', 'Gi', 'Ti', 'M', 'G')).map(([n, s]) => `${n}${s}` as const));
const count = fc.integer({ min: 0, max: 1000 });
const COMPUTE = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'] as const;
const OTHER = ['ephemeral-storage', 'requests.ephemeral-storage', 'limits.ephemeral-storage', 'requests.storage', 'requests.hugepages-2Mi', 'requests.nvidia.com/gpu'] as const;
const COUNTS = ['pods', 'services', 'services.nodeports', 'services.loadbalancers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'replicationcontrollers', 'resourcequotas'] as const;
const KINDS = ['Deployment', 'Job', 'CronJob', 'Ingress', 'ConfigMap', 'Secret', 'StatefulSet', 'HorizontalPodAutoscaler'];

/** Scopes that track only pods and compute (BestEffort: pods only); unscoped quotas take anything. */
const scoping = fc.oneof(
  fc.constant({ scoped: 'none' as const }),
  fc.record({ scoped: fc.constant('compute' as const), scopes: fc.subarray(['Terminating', 'NotBestEffort', 'PriorityClass'] as QuotaScope[], { minLength: 1 }), priority: fc.boolean() }),
  fc.record({ scoped: fc.constant('best-effort' as const), scopes: fc.constant(['BestEffort'] as QuotaScope[]), priority: fc.constant(false) }),
);

describe('ResourceQuota (property)', () => {
  test('valid quotas synthesize clean', () => {
    const props = fc.record({
      compute: fc.dictionary(fc.constantFrom(...COMPUTE), quantity, { maxKeys: 4 }),
      other: fc.dictionary(fc.constantFrom(...OTHER), quantity, { maxKeys: 3 }),
      counts: fc.dictionary(fc.constantFrom(...COUNTS), count, { maxKeys: 4 }),
      kinds: fc.uniqueArray(fc.constantFrom(...KINDS), { maxLength: 3 }),
      storage: fc.option(fc.record({ requestsStorage: quantity, persistentVolumeClaims: count }, { requiredKeys: [] }), { nil: undefined }),
      pods: count,
    });
    fc.assert(fc.property(props, scoping, (p, s) => {
      expectClean(outcome(({ chart }) => {
        if (s.scoped === 'none') {
          const q = new ResourceQuota(chart, 'q', { hard: { ...p.compute, ...p.other, ...p.counts, pods: p.pods } });
          for (const k of p.kinds) q.limitCount(ApiResource.ofKind(k), 5);
          if (p.storage) q.limitStorageClass(new StorageClass(chart, 'sc', { provisioner: 'ebs.csi.aws.com' }), p.storage);
        } else {
          const hard = s.scoped === 'compute' ? { ...p.compute, pods: p.pods } : { pods: p.pods };
          const scopeSelector = s.priority ? [ScopeSelector.priorityClassIn(new PriorityClass(chart, 'pc', { value: 10 }))] : undefined;
          new ResourceQuota(chart, 'q', { hard, scopes: s.priority ? s.scopes.filter((x) => x !== 'PriorityClass') : s.scopes, scopeSelector });
        }
      }));
    }), { seed: 6401, ...RUNS });
  });

  test('broken quotas are rejected', () => {
    const bad = fc.oneof(
      fc.record({ hard: fc.constant({}) }),
      fc.record({ hard: fc.record({ pods: fc.double({ min: 0.1, max: 100, noInteger: true }) }) }),
      fc.record({ hard: fc.record({ 'requests.cpu': fc.constantFrom('-1', '1 cpu', '2GB', 'abc') }) }),
      fc.record({ hard: fc.record({ [`${'cpus'}`]: quantity }) }),
      fc.record({ hard: fc.constant({ pods: 1 }), scopes: fc.constantFrom(['Terminating', 'NotTerminating'], ['BestEffort', 'NotBestEffort'], ['Terminating', 'Terminating'], ['Everything']) }),
      fc.record({ hard: fc.record({ services: count }), scopes: fc.constantFrom(['Terminating'], ['BestEffort'], ['NotBestEffort']) }),
      fc.record({ hard: fc.record({ 'limits.memory': quantity }), scopes: fc.constant(['BestEffort']) }),
      fc.record({ hard: fc.constant({ pods: 1 }), scopeSelector: fc.constantFrom(
        [{ scopeName: 'PriorityClass', operator: 'In' }], [{ scopeName: 'PriorityClass', operator: 'Exists', values: ['x'] }],
        [{ scopeName: 'Terminating', operator: 'In', values: ['x'] }], [{ scopeName: 'Nope', operator: 'Exists' }], [{ scopeName: 'BestEffort', operator: 'Is' }],
      ) }),
    );
    fc.assert(fc.property(bad, (p) => expectRejected(outcome(({ chart }) => new ResourceQuota(chart, 'q', p as never)))), { seed: 6402, ...RUNS });
  });
});
