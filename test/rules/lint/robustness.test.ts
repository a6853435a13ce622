/** The lints also read arbitrary user files: whatever the shape of an object, they report or stay silent, never throw. */
import fc from 'fast-check';
import { LINT_OBJECT_RULES, LINT_SET_RULES } from '../../../lib/rules/lint';
import { Located } from '../../../lib/rules/types';
import { container, deployment, hpa, pv, pvc, service, storageClass } from './fixtures';

const KINDS = [
  'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Service', 'HorizontalPodAutoscaler',
  'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'LimitRange', 'Namespace', 'ConfigMap',
];

const GARBAGE: unknown[] = [
  null, 42, 'text', [], {},
  { kind: 'Deployment', metadata: 'x', spec: 'x' },
  { kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { metadata: { labels: 'x' }, spec: {
    containers: 'x', initContainers: [null, 3, { name: 7, image: 5, ports: 'x', securityContext: { capabilities: { add: 'ALL' } }, resources: 5, livenessProbe: { httpGet: 'x' }, env: [null, { valueFrom: 5 }], envFrom: 'x' }],
    volumes: [null, { configMap: 'x' }, { projected: { sources: 'x' } }, { persistentVolumeClaim: 'x' }], imagePullSecrets: [null, 'x'], securityContext: 5,
  } } } },
  { kind: 'Service', metadata: { name: 's' }, spec: { selector: ['app'], ports: 'x' } },
  { kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'd' }, ports: [null, { targetPort: {} }] } },
  { kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: 'x', metrics: [null, { type: 'Resource', resource: 'x' }] } },
  { kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'd' }, metrics: 'x' } },
  { kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { accessModes: 'RWO', resources: { requests: { storage: {} } }, selector: { matchExpressions: 'x', matchLabels: 5 }, volumeName: 5 } },
  { kind: 'PersistentVolume', metadata: { name: 'v', labels: 'x' }, spec: { claimRef: 'x', capacity: 5, accessModes: [1] } },
  { kind: 'StorageClass', metadata: 'x' },
  { kind: 'LimitRange', metadata: { name: 'l' }, spec: { limits: 'x' } },
];

function runAll(objects: readonly Located[]): void {
  for (const o of objects) for (const r of LINT_OBJECT_RULES) r.check(o.json, 'p');
  for (const r of LINT_SET_RULES) r.check(objects);
}

describe('lints on malformed objects', () => {
  test('hand-picked garbage, alone and all together', () => {
    const all = GARBAGE.map((json) => ({ json, file: 'bad.yaml' }) as Located);
    for (const o of all) expect(() => runAll([o])).not.toThrow();
    expect(() => runAll(all)).not.toThrow();
  });

  test('random JSON under every kind the lints look at', () => {
    const obj = fc.record({ kind: fc.constantFrom(...KINDS), metadata: fc.jsonValue(), spec: fc.jsonValue() });
    fc.assert(fc.property(fc.array(obj, { maxLength: 6 }), (objs) => {
      runAll(objs.map((json) => ({ json: json as Record<string, any> })));
    }), { numRuns: 300, seed: 4 });
  });

  test('valid objects with any one field replaced by random JSON', () => {
    const base = () => [
      deployment('web', { replicas: 2, spec: { containers: [container({ livenessProbe: { httpGet: { port: 'http' } }, env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'c', key: 'a' } } }] })], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } }),
      service('web', { app: 'web' }), hpa('web', { kind: 'Deployment', name: 'web' }),
      pvc('data', { volumeName: 'vol', selector: { matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }] } }), pv('vol', { claimRef: { name: 'data', namespace: 'default' } }), storageClass('fast', { default: true }),
    ];
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, at: (string | number)[]) => {
      paths.push(at);
      if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...at, Array.isArray(v) ? Number(k) : k]);
    };
    base().forEach((o, i) => walk(o, [i]));
    fc.assert(fc.property(fc.constantFrom(...paths.filter((p) => p.length > 1)), fc.jsonValue(), (path, value) => {
      const objs: any[] = base();
      let node = objs;
      for (const k of path.slice(0, -1)) node = (node as any)[k];
      (node as any)[path[path.length - 1]] = value;
      runAll(objs.map((json) => ({ json })));
    }), { numRuns: 500, seed: 4 });
  });
});
