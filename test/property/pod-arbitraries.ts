/**
 * Generators of pod scheduling and pod extras: random valid affinity, tolerations, topology spread, readiness
 * gates, runtime class and the newer volume kinds (every pod-bearing kind gets them through `podSettings`), and
 * single invalid settings that must be rejected.
 */
import * as fc from 'fast-check';
import {
  Affinity, ContainerLifecycle, ContainerProps, DownwardApiFile, Lifecycle, LabelSelector, Probe, NodeSelectorRequirement, NodeSelectorTerm, PodSpecProps, ProjectionSource, Toleration, TopologySpreadConstraint, Volume,
} from '../../lib';

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const labelKey = fc.constantFrom('kubernetes.io/arch', 'disktype', 'example.com/pool', 'topology.kubernetes.io/zone');
const labelValue = fc.constantFrom('amd64', 'ssd', 'a', 'x-1', 'eu-west-1a');
const topologyKey = fc.constantFrom('kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'topology.kubernetes.io/region');

export const nodeRequirement: fc.Arbitrary<NodeSelectorRequirement> = fc.oneof(
  fc.record({ key: labelKey, operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.uniqueArray(labelValue, { minLength: 1, maxLength: 3 }) }),
  fc.record({ key: labelKey, operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
  fc.record({ key: fc.constantFrom('example.com/cores', 'example.com/gen'), operator: fc.constantFrom('Gt' as const, 'Lt' as const), values: fc.integer({ min: -5, max: 512 }).map((n) => [String(n)]) }),
);

const nodeTerm: fc.Arbitrary<NodeSelectorTerm> = fc.oneof(
  fc.record({ matchExpressions: fc.array(nodeRequirement, { minLength: 1, maxLength: 3 }) }),
  fc.record({ matchFields: fc.constantFrom('node-1', 'worker-a').map((n) => [{ key: 'metadata.name', operator: 'In' as const, values: [n] }]) }),
);

export const labelSelector: fc.Arbitrary<LabelSelector> = fc.record(
  {
    matchLabels: fc.dictionary(fc.constantFrom('tier', 'app', 'example.com/team'), labelValue, { minKeys: 1, maxKeys: 2 }),
    matchExpressions: fc.array(fc.oneof(
      fc.record({ key: fc.constantFrom('tier', 'track'), operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.array(labelValue, { minLength: 1, maxLength: 2 }) }),
      fc.record({ key: fc.constantFrom('canary', 'release'), operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
    ), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

const weight = fc.integer({ min: 1, max: 100 });
const podTerm = fc.record({ pods: labelSelector, topologyKey });

export const affinity: fc.Arbitrary<Affinity> = fc.record(
  {
    nodeAffinity: fc.record({ required: fc.array(nodeTerm, { minLength: 1, maxLength: 2 }), preferred: fc.array(fc.tuple(weight, nodeTerm).map(([w, t]) => ({ weight: w, ...t })), { maxLength: 2 }) }, { requiredKeys: [] }),
    podAffinity: fc.record({ required: fc.array(podTerm, { maxLength: 2 }), preferred: fc.array(fc.tuple(weight, podTerm).map(([w, t]) => ({ weight: w, ...t })), { maxLength: 2 }) }, { requiredKeys: [] }),
    podAntiAffinity: fc.record({ required: fc.array(podTerm, { maxLength: 2 }), preferred: fc.array(fc.tuple(weight, podTerm).map(([w, t]) => ({ weight: w, ...t })), { maxLength: 2 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

export const toleration: fc.Arbitrary<Toleration> = fc.oneof(
  fc.record({ key: labelKey, operator: fc.constant('Equal' as const), value: labelValue, effect: opt(fc.constantFrom('NoSchedule' as const, 'PreferNoSchedule' as const)) }, { requiredKeys: ['key'] }),
  fc.record({ key: opt(labelKey), operator: fc.constant('Exists' as const), effect: opt(fc.constantFrom('NoSchedule' as const, 'PreferNoSchedule' as const)) }),
  fc.record({ key: labelKey, operator: opt(fc.constantFrom('Equal' as const, 'Exists' as const)), effect: fc.constant('NoExecute' as const), tolerationSeconds: opt(fc.nat(3600)) }).map((t) => (t.operator === 'Exists' ? t : { ...t, value: 'v' })),
);

const spreadConstraint: fc.Arbitrary<TopologySpreadConstraint> = fc.oneof(
  fc.record({
    topologyKey,
    pods: opt(labelSelector.map((s) => ({ matchLabels: s.matchLabels }))),
    maxSkew: opt(fc.integer({ min: 1, max: 5 })),
    whenUnsatisfiable: fc.constant('DoNotSchedule' as const),
    minDomains: opt(fc.integer({ min: 1, max: 5 })),
    matchLabelKeys: opt(fc.constantFrom(['pod-template-hash'], ['example.com/rev'])),
    nodeAffinityPolicy: opt(fc.constantFrom('Honor' as const, 'Ignore' as const)),
    nodeTaintsPolicy: opt(fc.constantFrom('Honor' as const, 'Ignore' as const)),
  }),
  fc.record({ topologyKey, maxSkew: opt(fc.integer({ min: 1, max: 5 })), whenUnsatisfiable: fc.constant('ScheduleAnyway' as const) }),
);

/** Unique per topologyKey/whenUnsatisfiable pair, as the API server requires. */
const spreadConstraints = fc.uniqueArray(spreadConstraint, { maxLength: 3, selector: (c) => `${c.topologyKey}/${c.whenUnsatisfiable}` });

const downwardFile = (path: string) => fc.oneof(
  fc.constantFrom('metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.labels', 'metadata.annotations', "metadata.labels['tier']" as const).map((f) => DownwardApiFile.field(path, f as never)),
  fc.tuple(fc.constantFrom('limits.memory', 'requests.cpu', 'requests.ephemeral-storage') , opt(fc.nat(0o777))).map(([r, mode]) =>
    DownwardApiFile.resource(path, r as 'limits.memory', { containerName: 'c0', mode, divisor: r === 'requests.cpu' ? '1m' : '1Mi' })),
);

/** Volumes v0, v1, ...: each a projected, downwardAPI or generic ephemeral volume. */
const extraVolume = (i: number): fc.Arbitrary<Volume> => fc.oneof(
  fc.tuple(fc.array(downwardFile('x'), { minLength: 1, maxLength: 3 }), opt(fc.nat(0o777))).map(([files, defaultMode]) =>
    Volume.fromDownwardApi(`v${i}`, files.map((f, j) => rename(f, `f${j}`)), { defaultMode })),
  fc.tuple(fc.array(downwardFile('x'), { minLength: 1, maxLength: 2 }), opt(fc.constantFrom('vault', 'sts.amazonaws.com')), opt(fc.integer({ min: 600, max: 86400 }))).map(([files, audience, expirationSeconds]) =>
    Volume.fromProjected(`v${i}`, [ProjectionSource.downwardApi(files.map((f, j) => rename(f, `info/f${j}`))), ProjectionSource.serviceAccountToken({ path: 'token', audience, expirationSeconds })])),
  fc.record({ storage: fc.constantFrom('1Gi', '500Mi', '10G'), accessModes: opt(fc.subarray(['ReadWriteOnce', 'ReadWriteOncePod', 'ReadWriteMany'] as const, { minLength: 1 }).map((m) => (m.includes('ReadWriteOncePod') ? ['ReadWriteOncePod' as const] : m))), volumeMode: opt(fc.constantFrom('Filesystem' as const, 'Block' as const)) })
    .map((o) => Volume.fromEphemeral(`v${i}`, o)),
);

/** Builds a copy of a downward file at another path (files are immutable). */
function rename(f: DownwardApiFile, path: string): DownwardApiFile {
  const j = f._toJson() as { fieldRef?: { fieldPath: string }; resourceFieldRef?: { resource: string; containerName: string; divisor?: string }; mode?: number };
  if (j.fieldRef) return DownwardApiFile.field(path, j.fieldRef.fieldPath as never, { mode: j.mode });
  const r = j.resourceFieldRef!;
  return DownwardApiFile.resource(path, r.resource as never, { containerName: r.containerName, divisor: r.divisor, mode: j.mode });
}

const extraVolumes: fc.Arbitrary<Volume[]> = fc.integer({ min: 0, max: 3 }).chain((n): fc.Arbitrary<Volume[]> => (n === 0 ? fc.constant([]) : fc.tuple(...Array.from({ length: n }, (_, i) => extraVolume(i)))));

/** Hooks valid on any container whatever its ports and the pod's grace period. */
export const lifecycle: fc.Arbitrary<ContainerLifecycle> = fc.record(
  {
    postStart: fc.oneof(fc.constant(Lifecycle.exec(['sh', '-c', 'echo up'])), fc.integer({ min: 1, max: 65535 }).map((port) => Lifecycle.httpGet('/started', { port }))),
    preStop: fc.oneof(fc.constant(Lifecycle.sleep(0)), fc.constant(Lifecycle.exec(['nginx', '-s', 'quit'])), fc.constantFrom('HTTP' as const, 'HTTPS' as const).map((scheme) => Lifecycle.httpGet('/drain', { port: 8080, scheme }))),
  },
  { requiredKeys: [] },
);

/** Init containers s0, s1, ...: run-to-completion ones, or sidecars (restartPolicy Always) with probes and hooks. */
const initContainers: fc.Arbitrary<ContainerProps[]> = fc
  .array(fc.oneof(
    fc.record({ image: fc.constantFrom('busybox:1.36', 'alpine:3.20'), command: fc.constant(['sh', '-c', 'true']) }),
    fc.record({
      image: fc.constantFrom('envoyproxy/envoy:v1.31', 'fluent/fluent-bit:3.1'),
      restartPolicy: fc.constant('Always' as const),
      readinessProbe: opt(fc.constant(Probe.exec(['true']))),
      startupProbe: opt(fc.constant(Probe.exec(['true']))),
      lifecycle: opt(lifecycle),
    }),
  ), { maxLength: 2 })
  .map((cs) => cs.map((c, i) => ({ ...c, name: `s${i}` })));

/** Scheduling and extras props every pod-bearing kind accepts. */
export const schedulingSettings: fc.Arbitrary<Pick<PodSpecProps, 'affinity' | 'tolerations' | 'topologySpreadConstraints' | 'runtimeClassName' | 'readinessGates' | 'volumes' | 'initContainers'>> = fc.record(
  {
    initContainers,
    affinity,
    tolerations: fc.array(toleration, { maxLength: 3 }),
    topologySpreadConstraints: spreadConstraints,
    runtimeClassName: fc.constantFrom('gvisor', 'kata.fc', 'runc'),
    readinessGates: fc.uniqueArray(fc.constantFrom('example.com/lb-ready', 'Ready2', 'target-health.elbv2.k8s.aws/tg'), { maxLength: 2 }).map((ts) => ts.map((conditionType) => ({ conditionType }))),
    volumes: extraVolumes,
  },
  { requiredKeys: [] },
);

/** One invalid scheduling or extras setting: each must throw at construction or fail synth. */
export const invalidPodSetting: fc.Arbitrary<Partial<PodSpecProps>> = fc.oneof(
  fc.integer({ min: -5, max: 0 }).map((w) => ({ affinity: { nodeAffinity: { preferred: [{ weight: w, matchExpressions: [{ key: 'disktype', operator: 'Exists' as const }] }] } } })),
  fc.integer({ min: 101, max: 1000 }).map((w) => ({ affinity: { podAntiAffinity: { preferred: [{ weight: w, pods: { matchLabels: { tier: 'x' } }, topologyKey: 'kubernetes.io/hostname' }] } } })),
  fc.constantFrom('', 'Bad Key', '-x').map((k) => ({ affinity: { podAffinity: { required: [{ pods: { matchLabels: { tier: 'x' } }, topologyKey: k }] } } })),
  fc.tuple(fc.constantFrom('Exists' as const, 'DoesNotExist' as const), labelValue).map(([op, v]) => ({ affinity: { nodeAffinity: { required: [{ matchExpressions: [{ key: 'disktype', operator: op, values: [v] }] }] } } })),
  fc.tuple(fc.constantFrom('Gt' as const, 'Lt' as const), fc.constantFrom([], ['1', '2'], ['x'], ['1.5'])).map(([op, values]) => ({ affinity: { nodeAffinity: { required: [{ matchExpressions: [{ key: 'cores', operator: op, values }] }] } } })),
  fc.constantFrom('In' as const, 'NotIn' as const).map((op) => ({ affinity: { nodeAffinity: { required: [{ matchExpressions: [{ key: 'disktype', operator: op, values: [] }] }] } } })),
  fc.constant({ affinity: { nodeAffinity: { required: [{}] } } }),
  fc.constantFrom('NoSchedule' as const, 'PreferNoSchedule' as const, undefined).map((effect) => ({ tolerations: [{ key: 'a', operator: 'Exists' as const, effect, tolerationSeconds: 5 }] })),
  labelValue.map((value) => ({ tolerations: [{ key: 'a', operator: 'Exists' as const, value }] })),
  fc.constant({ tolerations: [{ operator: 'Equal' as const, value: 'x' }] }),
  fc.integer({ min: -3, max: 0 }).map((maxSkew) => ({ topologySpreadConstraints: [{ topologyKey: 'kubernetes.io/hostname', maxSkew }] })),
  fc.integer({ min: 1, max: 5 }).map((minDomains) => ({ topologySpreadConstraints: [{ topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' as const, minDomains }] })),
  topologyKey.map((k) => ({ topologySpreadConstraints: [{ topologyKey: k }, { topologyKey: k, maxSkew: 2 }] })),
  fc.constantFrom('GVisor', 'has space', '-x').map((runtimeClassName) => ({ runtimeClassName })),
  fc.constantFrom('not valid', '', '-x').map((conditionType) => ({ readinessGates: [{ conditionType }] })),
  fc.integer({ min: 0, max: 599 }).map((expirationSeconds) => ({ volumes: [Volume.fromProjected('tok', [ProjectionSource.serviceAccountToken({ path: 'token', expirationSeconds })])] })),
  fc.constantFrom('/abs', '../up', '..hidden').map((path) => ({ volumes: [Volume.fromDownwardApi('info', [DownwardApiFile.field(path, 'metadata.name')])] })),
  fc.constant({ volumes: [Volume.fromDownwardApi('info', [DownwardApiFile.resource('m', 'limits.memory', { containerName: 'not-a-container' })])] }),
  fc.constantFrom('0', '-1Gi', '10GB').map((storage) => ({ volumes: [Volume.fromEphemeral('scratch', { storage: storage as never })] })),
);
