import { ApiResource, PriorityClass, ResourceQuota, ScopeSelector, StorageClass } from '../../lib';
import { expectKubeforgeError, newChart, objectsOfKind, oneOfKind } from './util';

describe('ResourceQuota', () => {
  test('hard limits, object counts from kinds and storage-class limits from objects', () => {
    const { app, chart } = newChart();
    const fast = new StorageClass(chart, 'fast', { provisioner: 'ebs.csi.aws.com' });
    const q = new ResourceQuota(chart, 'quota', { hard: { 'requests.cpu': '4', 'limits.memory': '16Gi', pods: 20, 'requests.nvidia.com/gpu': 2 } });
    q.limitCount(ApiResource.ofKind('Deployment'), 10);
    q.limitCount(ApiResource.ofKind('ConfigMap'), 50);
    q.limitStorageClass(fast, { requestsStorage: '500Gi', persistentVolumeClaims: 5 });
    const out = oneOfKind(app, 'ResourceQuota');
    expect(out.spec).toEqual({
      hard: {
        'requests.cpu': '4', 'limits.memory': '16Gi', pods: 20, 'requests.nvidia.com/gpu': 2, 'count/deployments.apps': 10, 'count/configmaps': 50,
        [`${fast.name}.storageclass.storage.k8s.io/requests.storage`]: '500Gi', [`${fast.name}.storageclass.storage.k8s.io/persistentvolumeclaims`]: 5,
      },
    });
  });

  test('scopes and a priority-class scope selector from objects', () => {
    const { app, chart } = newChart();
    const high = new PriorityClass(chart, 'high', { value: 1000 });
    new ResourceQuota(chart, 'q', { hard: { pods: 5, 'requests.cpu': '2' }, scopes: ['NotTerminating'], scopeSelector: [ScopeSelector.priorityClassIn(high)] });
    new ResourceQuota(chart, 'be', { hard: { pods: 5 }, scopeSelector: [{ scopeName: 'BestEffort', operator: 'Exists' }] });
    const [q, be] = objectsOfKind(app, 'ResourceQuota');
    expect(q.spec.scopes).toEqual(['NotTerminating']);
    expect(q.spec.scopeSelector).toEqual({ matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: [high.name] }] });
    expect(be.spec).toEqual({ hard: { pods: 5 }, scopeSelector: { matchExpressions: [{ scopeName: 'BestEffort', operator: 'Exists' }] } });
  });

  test('bad input: names, fractional counts, negative values, scope conflicts, scope/resource mismatch, operators', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new ResourceQuota(chart, 'a'), 'test/a', 'at least one hard limit');
    expectKubeforgeError(() => new ResourceQuota(chart, 'b', { hard: { cpus: 1 } as never }), 'test/b', '"cpus"');
    expectKubeforgeError(() => new ResourceQuota(chart, 'c', { hard: { pods: 1.5 } }), 'test/c', 'whole number', '1.5');
    expectKubeforgeError(() => new ResourceQuota(chart, 'd', { hard: { 'requests.memory': '-1Gi' } }), 'test/d', '"-1Gi"');
    expectKubeforgeError(() => new ResourceQuota(chart, 'e', { hard: { pods: 1 }, scopes: ['Terminating', 'NotTerminating'] }), 'test/e', 'exclude each other');
    expectKubeforgeError(() => new ResourceQuota(chart, 'f', { hard: { 'requests.cpu': '1' }, scopes: ['BestEffort'] }), 'test/f', 'BestEffort', 'requests.cpu');
    expectKubeforgeError(() => new ResourceQuota(chart, 'g', { hard: { services: 1 }, scopes: ['NotBestEffort'] }), 'test/g', 'does not track services');
    expectKubeforgeError(() => new ResourceQuota(chart, 'h', { hard: { pods: 1 }, scopeSelector: [{ scopeName: 'PriorityClass', operator: 'In' }] }), 'test/h', 'needs values');
    expectKubeforgeError(() => new ResourceQuota(chart, 'i', { hard: { pods: 1 }, scopeSelector: [{ scopeName: 'Terminating', operator: 'DoesNotExist' }] }), 'test/i', 'Exists');
    expectKubeforgeError(() => new ResourceQuota(chart, 'j', { hard: { pods: 1 } }).limitCount(ApiResource.ALL, 1), 'test/j', 'concrete');
    // A storage class's requests.storage is an extended resource, counted in whole units by the API server.
    expectKubeforgeError(() => new ResourceQuota(chart, 'k', { hard: { pods: 1 } }).limitStorageClass({ name: 'fast' }, { requestsStorage: '1500m' }), 'test/k', 'whole units', '1500m');
    expect(() => new ResourceQuota(chart, 'l', { hard: { 'requests.example.com/foo': '500m' } })).not.toThrow();
  });
});
