/**
 * Pod scheduling and extras on every pod-bearing kind. The per-kind property tests already get random
 * scheduling, extra volumes, hooks and sidecars through `podSettings`; this file adds Pod and Deployment, the
 * wiring that needs objects (PriorityClass, ServiceAccount, pull Secrets, pod affinity to workloads, spread()),
 * and, for each kind, single invalid settings that must never synthesize cleanly.
 */
import * as fc from 'fast-check';
import {
  CronJob, DaemonSet, Deployment, Job, Lifecycle, Namespace, Pod, PodSpecProps, PriorityClass, Secret, ServiceAccount, StatefulSet, Workload,
} from '../../lib';
import { TestChart } from '../constructs/util';
import { invalidPodSetting } from './pod-arbitraries';
import { constructId, containers, FC_RUNS, isRejected, podSettings, synthErrors } from './workload-arbitraries';

type Kind = 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';
const KINDS: readonly Kind[] = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

/** One workload of `kind` with the given pod props (Job-like kinds get run-to-completion containers). */
function make(t: TestChart, kind: Kind, id: string, props: PodSpecProps): Workload {
  const c = t.chart;
  switch (kind) {
    case 'Pod': return new Pod(c, id, props);
    case 'Deployment': return new Deployment(c, id, props);
    case 'StatefulSet': return new StatefulSet(c, id, props);
    case 'DaemonSet': return new DaemonSet(c, id, props);
    case 'Job': return new Job(c, id, { ...props, restartPolicy: undefined });
    case 'CronJob': return new CronJob(c, id, { ...props, restartPolicy: undefined, schedule: '*/5 * * * *' });
  }
}

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Object wiring: which objects the pod refers to, and how it relates to itself and a neighbour. */
const wiring = fc.record({
  priority: opt(fc.constantFrom('own', 'system')),
  serviceAccount: opt(fc.constantFrom('own', 'existing')),
  pullSecrets: fc.integer({ min: 0, max: 3 }),
  selfAnti: opt(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 100 }))),
  neighbour: opt(fc.tuple(fc.constantFrom('podAffinity' as const, 'podAntiAffinity' as const), fc.boolean(), fc.boolean())),
  spread: opt(fc.record({
    topologyKey: opt(fc.constantFrom('kubernetes.io/hostname', 'topology.kubernetes.io/zone')),
    maxSkew: opt(fc.integer({ min: 1, max: 4 })),
    whenUnsatisfiable: opt(fc.constantFrom('ScheduleAnyway' as const, 'DoNotSchedule' as const)),
  })),
  grace: opt(fc.integer({ min: 0, max: 120 })),
  sleep: fc.nat(120),
});

type Wiring = typeof wiring extends fc.Arbitrary<infer T> ? T : never;

function build(t: TestChart, kind: Kind, id: string, cs: PodSpecProps['containers'], pod: PodSpecProps, w: Wiring): Workload {
  const c = t.chart;
  const priorityClass = w.priority === 'own' ? new PriorityClass(c, 'prio', { value: 1000 }) : w.priority === 'system' ? PriorityClass.fromName(c, 'prio', 'system-node-critical') : undefined;
  const serviceAccount = w.serviceAccount === 'own' ? new ServiceAccount(c, 'sa') : w.serviceAccount === 'existing' ? ServiceAccount.fromName(c, 'sa', 'builder') : undefined;
  const imagePullSecrets = Array.from({ length: w.pullSecrets }, (_, i) =>
    i % 2 ? Secret.fromName(c, `reg${i}`, `registry-${i}`) : new Secret(c, `reg${i}`, { type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{}' } }));
  const grace = w.grace ?? pod.terminationGracePeriodSeconds;
  const wl = make(t, kind, id, { ...pod, terminationGracePeriodSeconds: grace, containers: cs, priorityClass, serviceAccount, imagePullSecrets });
  // A sleep hook is valid up to the grace period, whatever that is.
  wl.addSidecar({ image: 'busybox:1.36', name: 'sleeper', lifecycle: { preStop: Lifecycle.sleep(Math.min(w.sleep, grace ?? 30)) } });
  if (w.selfAnti) {
    const [required, weight] = w.selfAnti;
    const term = { pods: wl, topologyKey: 'kubernetes.io/hostname' };
    wl.addAffinity({ podAntiAffinity: required ? { required: [term] } : { preferred: [{ ...term, weight }] } });
  }
  if (w.neighbour) {
    const [rule, otherNamespace, required] = w.neighbour;
    const other = new Deployment(c, 'neighbour', { namespace: otherNamespace ? new Namespace(c, 'ns', { name: 'elsewhere' }) : undefined, containers: [{ image: 'redis:7.4', port: 6379 }] });
    const term = { pods: other, topologyKey: 'topology.kubernetes.io/zone' };
    wl.addAffinity({ [rule]: required ? { required: [term] } : { preferred: [{ ...term, weight: 50 }] } });
  }
  // spread() adds one constraint per topologyKey/whenUnsatisfiable pair: skip it when the pod already has that pair.
  if (w.spread) {
    const key = w.spread.topologyKey ?? 'topology.kubernetes.io/zone';
    const when = w.spread.whenUnsatisfiable ?? 'ScheduleAnyway';
    if (!(pod.topologySpreadConstraints ?? []).some((x) => x.topologyKey === key && (x.whenUnsatisfiable ?? 'DoNotSchedule') === when)) wl.spread(w.spread);
  }
  return wl;
}

describe.each(KINDS)('%s scheduling and extras (property)', (kind) => {
  const seed = 70100 + KINDS.indexOf(kind) * 10;

  test('random valid scheduling, extras and object wiring synthesize with no error findings', () => {
    fc.assert(
      fc.property(constructId, containers, podSettings, wiring, (id, cs, pod, w) => {
        const errs = synthErrors((t) => build(t, kind, id, cs, pod, w));
        expect(errs).toEqual([]);
      }),
      { seed, numRuns: FC_RUNS },
    );
  });

  test('a single invalid scheduling or extras setting is rejected at construction or synth', () => {
    fc.assert(
      fc.property(constructId, containers, invalidPodSetting, (id, cs, bad) => {
        expect(isRejected((t) => make(t, kind, id, { containers: cs, ...bad }))).toBe(true);
      }),
      { seed: seed + 1, numRuns: FC_RUNS },
    );
  });
});
