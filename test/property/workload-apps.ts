/**
 * The valid DaemonSet and StatefulSet apps of the workload property tests, as generators and builders, so that
 * the cluster suite can show a seeded sample of the same apps to a real API server.
 */
import * as fc from 'fast-check';
import { Chart, ContainerProps, DaemonSetRollingUpdateOptions, DaemonSetUpdateStrategy, IntOrPercent, StatefulSet, StatefulSetUpdateStrategy, VolumeClaimTemplateProps } from '../../lib';
import { constructId, containers, intOrPercent, podSettings } from './workload-arbitraries';

export const nonZero = intOrPercent(20, 1).filter((v) => v !== '0%');
/** The shapes the API server accepts: maxUnavailable alone, or maxSurge with maxUnavailable 0. */
const validRolling: fc.Arbitrary<DaemonSetRollingUpdateOptions> = fc.oneof(
  fc.record({ maxUnavailable: nonZero }, { requiredKeys: [] }),
  fc.record({ maxUnavailable: fc.constantFrom<IntOrPercent>(0, '0%'), maxSurge: nonZero }),
);
export const daemonSetStrategy = fc.option(fc.oneof(validRolling.map((o) => DaemonSetUpdateStrategy.rollingUpdate(o)), fc.constant(DaemonSetUpdateStrategy.onDelete())), { nil: undefined });

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const retain = opt(fc.constantFrom('Retain' as const, 'Delete' as const));

const stsStrategy = opt(fc.oneof(
  fc.record({ partition: opt(fc.nat(10)), maxUnavailable: opt(intOrPercent(5, 1).filter((v) => v !== '0%')) }).map((o) => StatefulSetUpdateStrategy.rollingUpdate(o)),
  fc.constant(StatefulSetUpdateStrategy.onDelete()),
));

const settings = fc.record({
  replicas: opt(fc.nat(10)),
  podManagementPolicy: opt(fc.constantFrom('OrderedReady' as const, 'Parallel' as const)),
  updateStrategy: stsStrategy,
  minReadySeconds: opt(fc.nat(600)),
  revisionHistoryLimit: opt(fc.nat(20)),
  persistentVolumeClaimRetentionPolicy: opt(fc.record({ whenDeleted: retain, whenScaled: retain })),
  ordinalsStart: opt(fc.nat(100)),
});

const claim: fc.Arbitrary<VolumeClaimTemplateProps> = fc.record({
  storage: fc.constantFrom('1Gi', '500Mi', '10G', '2Ti'),
  // ReadWriteOncePod must be the only mode (the API server rejects it beside others).
  accessModes: opt(fc.subarray(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const, { minLength: 1 }).map((m) => (m.includes('ReadWriteOncePod') ? ['ReadWriteOncePod' as const] : m))),
  volumeMode: opt(fc.constantFrom('Filesystem' as const, 'Block' as const)),
});

/** Claim templates t0, t1, ..., each mounted by a random container at /data/<i>. */
const claims = fc.array(fc.tuple(claim, fc.nat(2)), { maxLength: 3 });

export interface StatefulSetShape {
  id: string;
  cs: ContainerProps[];
  pod: object;
  s: object;
  templates: [VolumeClaimTemplateProps, number][];
  headless: boolean;
}

export function buildSet(chart: Chart, cs: ContainerProps[], id: string, props: object, templates: [VolumeClaimTemplateProps, number][], headless: boolean): void {
  const sts = new StatefulSet(chart, id, props);
  const added = cs.map((c) => sts.addContainer(c));
  templates.forEach(([t, at], i) => added[at % added.length].mount(`/data/${i}`, sts.addVolumeClaimTemplate(`t${i}`, t)));
  if (headless) sts.exposeViaHeadlessService();
}

export const validStatefulSet = fc.record({ id: constructId, cs: containers, pod: podSettings, s: settings, templates: claims, headless: fc.boolean() });
