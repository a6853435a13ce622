/**
 * The valid apps of the policy property tests (LimitRange, PodDisruptionBudget, PriorityClass, ResourceQuota,
 * ServiceAccount, RBAC), as generators and builders, so that the cluster suite can show a seeded sample of the
 * same apps to a real API server.
 */
import * as fc from 'fast-check';
import {
  ApiResource, Chart, ClusterRole, ClusterRoleBinding, ContainerProps, Deployment, IntOrPercent, ISubject, LimitRange, MAX_USER_PRIORITY, Namespace,
  Pod, PodDisruptionBudget, PolicyRule, PriorityClass, QuotaScope, ResourceQuota, Role, RoleBinding, ScopeSelector, Secret, ServiceAccount,
  StorageClass, Subject,
} from '../../lib';
import { TestChart } from '../constructs/util';

// LimitRange
export type Field = 'min' | 'defaultRequest' | 'default' | 'max';
const ORDER: Field[] = ['min', 'defaultRequest', 'default', 'max'];
const OVERCOMMIT = new Set(['cpu', 'memory', 'ephemeral-storage']);
const UNIT: Record<string, string> = { cpu: 'm', memory: 'Mi', 'ephemeral-storage': 'Mi', 'hugepages-2Mi': 'Mi', 'example.com/dongle': '' };

/** Per resource: ascending values for a random subset of the ordered fields, plus maybe a satisfiable ratio. */
const resourceBounds = fc.record({
  resource: fc.constantFrom(...Object.keys(UNIT)),
  values: fc.uniqueArray(fc.integer({ min: 1, max: 100000 }), { minLength: 4, maxLength: 4 }).map((v) => v.sort((a, b) => a - b)),
  fields: fc.subarray(ORDER, { minLength: 1 }),
  ratio: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
});
type Bounds = { resource: string; values: number[]; fields: Field[]; ratio?: number };

function build(bounds: Bounds[], fields: readonly Field[]): Record<string, Record<string, string | number>> {
  const out: Record<string, Record<string, string | number>> = {};
  for (const b of bounds) {
    for (const f of b.fields) {
      if (!fields.includes(f)) continue;
      // Hugepages and extended resources cannot be overcommitted: the API server wants defaultRequest equal to the
      // default, which is max when no default is given.
      const has = (x: Field) => b.fields.includes(x) && fields.includes(x);
      const at = f === 'defaultRequest' && !OVERCOMMIT.has(b.resource) ? (has('default') ? 'default' : has('max') ? 'max' : f) : f;
      (out[f] ??= {})[b.resource] = `${b.values[ORDER.indexOf(at)]}${UNIT[b.resource]}`;
    }
    if (b.ratio !== undefined) {
      const lo = out.min?.[b.resource] !== undefined ? b.values[0] : undefined;
      const hi = out.max?.[b.resource] !== undefined ? b.values[3] : undefined;
      const span = lo !== undefined && hi !== undefined ? hi / lo : 10;
      (out.maxLimitRequestRatio ??= {})[b.resource] = Math.max(1, Math.floor((1 + b.ratio * (span - 1)) * 1000) / 1000);
    }
  }
  return out;
}

export const limitRangeProps = fc.record({
  container: fc.option(fc.uniqueArray(resourceBounds, { minLength: 1, maxLength: 3, selector: (b) => b.resource }), { nil: undefined }),
  pod: fc.option(fc.uniqueArray(resourceBounds, { minLength: 1, maxLength: 3, selector: (b) => b.resource }), { nil: undefined }),
  pvc: fc.option(fc.tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.constantFrom('min', 'max', 'both')), { nil: undefined }),
}).filter((p) => !!(p.container || p.pod || p.pvc));

export function buildLimitRange(chart: Chart, p: LimitRangePropsShape): void {
  const pvc = p.pvc && { ...(p.pvc[2] !== 'max' && { min: { storage: `${p.pvc[0]}Gi` as const } }), ...(p.pvc[2] !== 'min' && { max: { storage: `${p.pvc[0] + p.pvc[1]}Gi` as const } }) };
  new LimitRange(chart, 'l', {
    container: p.container && build(p.container, ORDER),
    pod: p.pod && build(p.pod, ['min', 'max']),
    persistentVolumeClaim: pvc,
  });
}
type LimitRangePropsShape = typeof limitRangeProps extends fc.Arbitrary<infer T> ? T : never;

// PodDisruptionBudget
export const pdbContainer: ContainerProps = { image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m', memory: '64Mi' } } };
export const pdbPolicy = fc.option(fc.constantFrom('IfHealthyBudget' as const, 'AlwaysAllow' as const), { nil: undefined });
export const percent = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((n) => `${n}%` as IntOrPercent);

/** A valid budget: minAvailable below the replicas, or maxUnavailable above 0. */
export const validBudget = fc.integer({ min: 1, max: 20 }).chain((replicas) => fc.tuple(
  fc.constant(replicas),
  fc.oneof(
    fc.record({ minAvailable: fc.oneof(fc.integer({ min: 0, max: replicas - 1 }), percent(0, 99)) }),
    fc.record({ maxUnavailable: fc.oneof(fc.integer({ min: 1, max: 30 }), percent(1, 100)) }),
  ),
  fc.boolean(),
  fc.boolean(),
));
type Budget = typeof validBudget extends fc.Arbitrary<infer T> ? T : never;

export function buildBudget(chart: Chart, [replicas, b, autoscaled, pod]: Budget, unhealthyPodEvictionPolicy: 'IfHealthyBudget' | 'AlwaysAllow' | undefined): void {
  let target: Pod | Deployment;
  if (pod && 'maxUnavailable' in b) target = new Pod(chart, 'pod', { containers: [pdbContainer] });
  else {
    const d = new Deployment(chart, 'web', { replicas, containers: [pdbContainer] });
    if (autoscaled) d.autoscale({ maxReplicas: replicas + 1, cpuUtilization: 70 });
    target = d;
  }
  new PodDisruptionBudget(chart, 'pdb', { target, unhealthyPodEvictionPolicy, ...b });
}

// PriorityClass
export const priorityClassProps = fc.record({
  value: fc.integer({ min: -2147483648, max: MAX_USER_PRIORITY }),
  globalDefault: fc.option(fc.boolean(), { nil: undefined }),
  preemptionPolicy: fc.option(fc.constantFrom('PreemptLowerPriority' as const, 'Never' as const), { nil: undefined }),
  description: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
  name: fc.option(fc.stringMatching(/^[a-z][a-z0-9.-]{0,30}[a-z0-9]$/).filter((n) => !n.startsWith('system-') && !/\.\.|\.-|-\./.test(n)), { nil: undefined }),
}, { requiredKeys: ['value'] });

// ResourceQuota
export const quantity = fc.oneof(fc.integer({ min: 0, max: 10000 }), fc.tuple(fc.integer({ min: 0, max: 999 }), fc.constantFrom('', 'm', 'k', 'Mi', 'Gi', 'Ti', 'M', 'G')).map(([n, s]) => `${n}${s}` as const));
export const count = fc.integer({ min: 0, max: 1000 });
/** Quantities in whole units (no "m"): what extended resources such as a storage class's requests.storage take. */
const wholeQuantity = quantity.filter((q) => typeof q === 'number' || !q.endsWith('m'));
const COMPUTE = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'] as const;
const OTHER = ['ephemeral-storage', 'requests.ephemeral-storage', 'limits.ephemeral-storage', 'requests.storage', 'requests.hugepages-2Mi', 'requests.nvidia.com/gpu'] as const;
const COUNTS = ['pods', 'services', 'services.nodeports', 'services.loadbalancers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'replicationcontrollers', 'resourcequotas'] as const;
const QUOTA_KINDS = ['Deployment', 'Job', 'CronJob', 'Ingress', 'ConfigMap', 'Secret', 'StatefulSet', 'HorizontalPodAutoscaler'];

/** Scopes that track only pods and compute (BestEffort: pods only); unscoped quotas take anything. */
export const quotaScoping = fc.oneof(
  fc.constant({ scoped: 'none' as const }),
  fc.record({ scoped: fc.constant('compute' as const), scopes: fc.subarray(['Terminating', 'NotBestEffort', 'PriorityClass'] as QuotaScope[], { minLength: 1 }), priority: fc.boolean() }),
  fc.record({ scoped: fc.constant('best-effort' as const), scopes: fc.constant(['BestEffort'] as QuotaScope[]), priority: fc.constant(false) }),
);
export const quotaProps = fc.record({
  compute: fc.dictionary(fc.constantFrom(...COMPUTE), quantity, { maxKeys: 4 }),
  other: fc.dictionary(fc.constantFrom(...OTHER), quantity, { maxKeys: 3 }),
  counts: fc.dictionary(fc.constantFrom(...COUNTS), count, { maxKeys: 4 }),
  kinds: fc.uniqueArray(fc.constantFrom(...QUOTA_KINDS), { maxLength: 3 }),
  storage: fc.option(fc.record({ requestsStorage: wholeQuantity, persistentVolumeClaims: count }, { requiredKeys: [] }), { nil: undefined }),
  pods: count,
});
type QuotaShape = typeof quotaProps extends fc.Arbitrary<infer T> ? T : never;
type ScopingShape = typeof quotaScoping extends fc.Arbitrary<infer T> ? T : never;

export function buildQuota(chart: Chart, p: QuotaShape, s: ScopingShape): void {
  if (s.scoped === 'none') {
    const q = new ResourceQuota(chart, 'q', { hard: { ...p.compute, ...p.other, ...p.counts, pods: p.pods } });
    for (const k of p.kinds) q.limitCount(ApiResource.ofKind(k), 5);
    if (p.storage) q.limitStorageClass(new StorageClass(chart, 'sc', { provisioner: 'ebs.csi.aws.com' }), p.storage);
  } else {
    const hard = s.scoped === 'compute' ? { ...p.compute, pods: p.pods } : { pods: p.pods };
    const scopeSelector = s.priority ? [ScopeSelector.priorityClassIn(new PriorityClass(chart, 'pc', { value: 10 }))] : undefined;
    new ResourceQuota(chart, 'q', { hard, scopes: s.priority ? s.scopes.filter((x) => x !== 'PriorityClass') : s.scopes, scopeSelector });
  }
}

// ServiceAccount
const saDns = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);
export const serviceAccountProps = fc.record({
  automount: fc.option(fc.boolean(), { nil: undefined }),
  inApp: fc.integer({ min: 0, max: 3 }),
  existing: fc.uniqueArray(saDns, { maxLength: 3 }),
  name: fc.option(saDns, { nil: undefined }),
  namespaced: fc.boolean(),
});
type ServiceAccountShape = typeof serviceAccountProps extends fc.Arbitrary<infer T> ? T : never;

export function buildServiceAccount(chart: Chart, p: ServiceAccountShape): void {
  const namespace = p.namespaced ? new Namespace(chart, 'ns') : undefined;
  const secrets = [
    ...Array.from({ length: p.inApp }, (_, i) => new Secret(chart, `pull${i}`, { namespace, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{"auths":{}}' } })),
    ...p.existing.map((n, i) => Secret.fromName(chart, `ext${i}`, n)),
  ];
  new ServiceAccount(chart, 'sa', { name: p.name, namespace, automountServiceAccountToken: p.automount, imagePullSecrets: secrets });
}

// RBAC
const RBAC_KINDS = ['Pod', 'Service', 'ConfigMap', 'Secret', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'HorizontalPodAutoscaler', 'Ingress', 'NetworkPolicy',
  'StorageClass', 'PersistentVolumeClaim', 'PodDisruptionBudget', 'PriorityClass', 'Role', 'RoleBinding', 'Lease', 'Event', 'Endpoints', 'ServiceAccount'];
export const rbacDns = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
export const verbs = fc.subarray(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'], { minLength: 1 });
export const resource = fc.oneof(
  fc.constantFrom(...RBAC_KINDS).map((k) => ApiResource.ofKind(k)),
  fc.tuple(fc.stringMatching(/^[A-Z][a-z]{1,8}y?$/), rbacDns).map(([k, g]) => ApiResource.ofKind(k, `${g}.example.com`)),
  fc.constantFrom('log', 'exec', 'status').map((s) => ApiResource.ofKind('Pod').sub(s)),
);
export const resourceRule: fc.Arbitrary<PolicyRule> = fc.record({
  verbs,
  apiGroups: fc.subarray(['', 'apps', 'batch', 'networking.k8s.io', '*'], { minLength: 1 }),
  resources: fc.subarray(['pods', 'deployments', 'jobs', 'ingresses', 'pods/log', '*'], { minLength: 1 }),
  resourceNames: fc.option(fc.array(rbacDns, { minLength: 1, maxLength: 3 }), { nil: undefined }),
});
export const urlRule: fc.Arbitrary<PolicyRule> = fc.record({ verbs: fc.constant(['get']), nonResourceURLs: fc.array(fc.stringMatching(/^\/[a-z]{1,8}(\/\*)?$/), { minLength: 1, maxLength: 3 }) });

export type SubjectSpec = { kind: 'sa' | 'user' | 'group'; name: string };
export const subjects = fc.array(fc.record({ kind: fc.constantFrom('sa', 'user', 'group') as fc.Arbitrary<SubjectSpec['kind']>, name: rbacDns }), { minLength: 1, maxLength: 4 });
export function makeSubjects(t: TestChart, specs: SubjectSpec[], ns?: Namespace): ISubject[] {
  return specs.map((s, i) => (s.kind === 'sa' ? new ServiceAccount(t.chart, `sa${i}`, { namespace: ns }) : s.kind === 'user' ? Subject.user(`${s.name}@example.com`) : Subject.group(s.name)));
}

export const roleApp = fc.tuple(fc.array(resourceRule, { maxLength: 3 }), fc.array(resource, { maxLength: 4 }), verbs, subjects, fc.boolean());
export function buildRoleApp(t: TestChart, [rules, targets, vs, subs, bindByMethod]: typeof roleApp extends fc.Arbitrary<infer T> ? T : never): void {
  const role = new Role(t.chart, 'role', { rules });
  role.allow(vs, ...targets);
  role.allowRead(new Secret(t.chart, 'secret', { stringData: { k: 'v' } }));
  const s = makeSubjects(t, subs);
  if (bindByMethod) role.bind(...s);
  else new RoleBinding(t.chart, 'rb', { role, subjects: s });
}

export const clusterRoleApp = fc.tuple(fc.array(fc.oneof(resourceRule, urlRule), { maxLength: 4 }), fc.array(resource, { maxLength: 3 }), subjects);
export function buildClusterRoleApp(t: TestChart, [rules, targets, subs]: typeof clusterRoleApp extends fc.Arbitrary<infer T> ? T : never): void {
  const ns = new Namespace(t.chart, 'ns');
  const cr = new ClusterRole(t.chart, 'cr', { rules });
  cr.allowReadWrite(...targets);
  cr.bind(...makeSubjects(t, subs, ns));
  cr.bindInNamespace(ns, Subject.group('devs'));
  new ClusterRoleBinding(t.chart, 'view', { role: ClusterRole.fromName(t.chart, 'viewRole', 'view'), subjects: [Subject.user('u')] });
}
