import * as fc from 'fast-check';
import { Chart, ContainerProps, IntOrPercent, StatefulSet, StatefulSetUpdateStrategy, VolumeClaimTemplateProps } from '../../lib';
import { constructId, containers, FC_RUNS, intOrPercent, isRejected, podSettings, synthErrors } from './workload-arbitraries';

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const retain = opt(fc.constantFrom('Retain' as const, 'Delete' as const));

const strategy = opt(fc.oneof(
  fc.record({ partition: opt(fc.nat(10)), maxUnavailable: opt(intOrPercent(5, 1).filter((v) => v !== '0%')) }).map((o) => StatefulSetUpdateStrategy.rollingUpdate(o)),
  fc.constant(StatefulSetUpdateStrategy.onDelete()),
));

const settings = fc.record({
  replicas: opt(fc.nat(10)),
  podManagementPolicy: opt(fc.constantFrom('OrderedReady' as const, 'Parallel' as const)),
  updateStrategy: strategy,
  minReadySeconds: opt(fc.nat(600)),
  revisionHistoryLimit: opt(fc.nat(20)),
  persistentVolumeClaimRetentionPolicy: opt(fc.record({ whenDeleted: retain, whenScaled: retain })),
  ordinalsStart: opt(fc.nat(100)),
});

const claim: fc.Arbitrary<VolumeClaimTemplateProps> = fc.record({
  storage: fc.constantFrom('1Gi', '500Mi', '10G', '2Ti'),
  accessModes: opt(fc.subarray(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const, { minLength: 1 })),
  volumeMode: opt(fc.constantFrom('Filesystem' as const, 'Block' as const)),
});

/** Claim templates t0, t1, ..., each mounted by a random container at /data/<i>. */
const claims = fc.array(fc.tuple(claim, fc.nat(2)), { maxLength: 3 });

interface Shape {
  id: string;
  cs: ContainerProps[];
  pod: object;
  s: object;
  templates: [VolumeClaimTemplateProps, number][];
  headless: boolean;
}

function buildSet(chart: Chart, cs: ContainerProps[], id: string, props: object, templates: [VolumeClaimTemplateProps, number][], headless: boolean): void {
  const sts = new StatefulSet(chart, id, props);
  const added = cs.map((c) => sts.addContainer(c));
  templates.forEach(([t, at], i) => added[at % added.length].mount(`/data/${i}`, sts.addVolumeClaimTemplate(`t${i}`, t)));
  if (headless) sts.exposeViaHeadlessService();
}

const valid = fc.record({ id: constructId, cs: containers, pod: podSettings, s: settings, templates: claims, headless: fc.boolean() });

describe('StatefulSet (property)', () => {
  test('random valid props synthesize with no error findings', () => {
    fc.assert(
      fc.property(valid, ({ id, cs, pod, s, templates, headless }: Shape) => {
        expect(synthErrors(({ chart }) => buildSet(chart, cs, id, { ...pod, ...s }, templates, headless))).toEqual([]);
      }),
      { seed: 60331, numRuns: FC_RUNS },
    );
  });

  test('random invalid props are rejected at construction or synth, never emitted silently', () => {
    const badBound = fc.oneof(fc.constantFrom<IntOrPercent>(0, '0%', '101%', 'x%' as IntOrPercent), fc.integer({ min: -9, max: -1 }), fc.double({ min: 0.1, max: 5, noInteger: true, noNaN: true }));
    const invalidSettings = fc.oneof(
      fc.integer({ min: -100, max: -1 }).map((n) => ({ replicas: n })),
      badBound.map((b) => ({ updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailable: b }) })),
      fc.integer({ min: -100, max: -1 }).map((n) => ({ updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ partition: n }) })),
      fc.constantFrom('Random', 'ordered', '').map((v) => ({ podManagementPolicy: v as never })),
      fc.constantFrom('Keep', 'delete').map((v) => ({ persistentVolumeClaimRetentionPolicy: { whenScaled: v as never } })),
      fc.integer({ min: -100, max: -1 }).map((n) => ({ ordinalsStart: n })),
      fc.integer({ min: -100, max: -1 }).map((n) => ({ minReadySeconds: n })),
      fc.constantFrom('Never' as const, 'OnFailure' as const).map((r) => ({ restartPolicy: r })),
      fc.string({ minLength: 53, maxLength: 80 }).map((n) => ({ name: n })),
      fc.constantFrom('db.main', 'DB', '-db', 'db_1').map((n) => ({ name: n })),
    );
    const invalidClaim = fc.oneof(
      fc.constantFrom('0', '-1Gi', '10 GB', 'lots').map((storage) => ({ storage } as unknown as VolumeClaimTemplateProps)),
      fc.constant({ storage: '1Gi', accessModes: [] } as VolumeClaimTemplateProps),
      fc.constant({ storage: '1Gi', accessModes: ['ReadWriteAll'] } as unknown as VolumeClaimTemplateProps),
      fc.constant({ storage: '1Gi', volumeMode: 'Raw' } as unknown as VolumeClaimTemplateProps),
    );
    const invalid = fc.oneof(
      fc.record({ settings: invalidSettings, claim: fc.constant(undefined) }),
      fc.record({ settings: fc.constant({}), claim: invalidClaim }),
    );
    fc.assert(
      fc.property(valid, invalid, ({ id, cs, pod, s, templates, headless }: Shape, bad) => {
        const all: [VolumeClaimTemplateProps, number][] = bad.claim ? [...templates, [bad.claim, 0]] : templates;
        expect(isRejected(({ chart }) => buildSet(chart, cs, id, { ...pod, ...s, ...bad.settings }, all, headless))).toBe(true);
      }),
      { seed: 60332, numRuns: FC_RUNS },
    );
  });
});
