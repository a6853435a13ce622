import * as fc from 'fast-check';
import { IntOrPercent, StatefulSetUpdateStrategy, VolumeClaimTemplateProps } from '../../lib';
import { FC_RUNS, isRejected, synthErrors } from './workload-arbitraries';
import { buildSet, StatefulSetShape as Shape, validStatefulSet as valid } from './workload-apps';

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
      fc.constantFrom('ReadWriteOnce' as const, 'ReadOnlyMany' as const, 'ReadWriteMany' as const).map((m) => ({ storage: '1Gi', accessModes: ['ReadWriteOncePod', m] } as VolumeClaimTemplateProps)),
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
