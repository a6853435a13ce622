/**
 * Valid objects of each kind the API-server rules look at, and helpers to break one field at a time. Every
 * rule test checks a broken copy (the catching case) against the untouched fixture (the clean twin).
 */
import { Issue } from '../../../lib/util/errors';
import { ObjectRule } from '../../../lib/rules/types';

export type Obj = Record<string, any>;

export const PATH = 'test/obj';

const podSpec = (): Obj => ({
  containers: [{
    name: 'web',
    image: 'nginx:1.27',
    ports: [{ containerPort: 8080, name: 'http' }],
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
    readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
    volumeMounts: [{ name: 'config', mountPath: '/etc/web' }],
  }],
  volumes: [{ name: 'config', configMap: { name: 'web-config' } }],
});

const template = (labels: Obj = { app: 'web' }): Obj => ({ metadata: { labels }, spec: podSpec() });

export const fixtures = {
  pod: (): Obj => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'team-a', labels: { app: 'web' } }, spec: podSpec() }),
  deployment: (): Obj => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: template() },
  }),
  statefulSet: (): Obj => ({
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
    spec: {
      serviceName: 'db', replicas: 1, selector: { matchLabels: { app: 'db' } }, template: template({ app: 'db' }),
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  }),
  daemonSet: (): Obj => ({
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: template({ app: 'agent' }) },
  }),
  job: (): Obj => {
    const t = template({ app: 'migrate' });
    t.spec.restartPolicy = 'Never';
    return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' }, spec: { backoffLimit: 3, template: t } };
  },
  cronJob: (): Obj => {
    const t = template({ app: 'report' });
    t.spec.restartPolicy = 'OnFailure';
    return {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report' },
      spec: { schedule: '*/15 9-17 * * mon-fri', timeZone: 'Europe/Berlin', jobTemplate: { spec: { template: t } } },
    };
  },
  service: (): Obj => ({
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 9090 }] },
  }),
  pvc: (): Obj => ({
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '10Gi' } } },
  }),
  pv: (): Obj => ({
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-data' },
    spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' }, persistentVolumeReclaimPolicy: 'Retain', nfs: { server: 'nfs.local', path: '/exports/data' } },
  }),
  hpa: (): Obj => ({
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    },
  }),
};

/** A copy of `base` changed by `mutate` (which may edit it in place or return a replacement). */
export function broken(base: Obj, mutate: (o: Obj) => Obj | void): Obj {
  const copy = structuredClone(base);
  return mutate(copy) ?? copy;
}

/** The pod spec inside a fixture, wherever the kind keeps it. */
export function podOf(o: Obj): Obj {
  if (o.kind === 'Pod') return o.spec;
  if (o.kind === 'CronJob') return o.spec.jobTemplate.spec.template.spec;
  return o.spec.template.spec;
}

/** Runs a rule and checks the contract every finding must meet. */
export function run(rule: ObjectRule, obj: unknown): Issue[] {
  const issues = rule.check(obj as Obj, PATH);
  for (const i of issues) {
    expect(i).toMatchObject({ ruleId: rule.id, constructPath: PATH });
    // API-server rules report what the server rejects as errors; only fields it ignores may be warnings.
    expect(i.severity === 'error' || rule.id === 'live-object-fields').toBe(true);
    expect(typeof i.jsonPointer).toBe('string');
    expect(i.fix).toBeTruthy();
    expect(i.message).not.toContain(PATH);
  }
  return issues;
}

/** Expects exactly one finding, at `pointer`, whose message contains every fragment. */
export function expectOne(rule: ObjectRule, obj: Obj, pointer: string, ...fragments: string[]): Issue {
  const issues = run(rule, obj);
  expect(issues.map((i) => [i.jsonPointer, i.message])).toHaveLength(1);
  expect(issues[0].jsonPointer).toBe(pointer);
  for (const f of fragments) expect(issues[0].message).toContain(f);
  return issues[0];
}
