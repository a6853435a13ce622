import * as fc from 'fast-check';
import { DaemonSet, DaemonSetUpdateStrategy, IntOrPercent } from '../../lib';
import { constructId, containers, FC_RUNS, isRejected, podSettings, synthErrors } from './workload-arbitraries';
import { daemonSetStrategy as strategy, nonZero } from './workload-apps';

describe('DaemonSet (property)', () => {
  test('random valid props synthesize with no error findings', () => {
    fc.assert(
      fc.property(constructId, containers, podSettings, strategy, fc.option(fc.nat(600), { nil: undefined }), fc.option(fc.nat(20), { nil: undefined }), (id, cs, pod, updateStrategy, minReadySeconds, revisionHistoryLimit) => {
        const errs = synthErrors(({ chart }) => new DaemonSet(chart, id, { ...pod, containers: cs, updateStrategy, minReadySeconds, revisionHistoryLimit }));
        expect(errs).toEqual([]);
      }),
      { seed: 60301, numRuns: FC_RUNS },
    );
  });

  test('random invalid props are rejected at construction or synth, never emitted silently', () => {
    const badBound = fc.oneof(fc.integer({ min: -50, max: -1 }), fc.double({ min: 0.1, max: 5, noInteger: true, noNaN: true }), fc.integer({ min: 101, max: 999 }).map((n) => `${n}%` as IntOrPercent), fc.constantFrom('10' as IntOrPercent, 'x%' as IntOrPercent));
    const invalid = fc.oneof(
      badBound.map((b) => ({ updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: b }) })),
      badBound.map((b) => ({ updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 0, maxSurge: b }) })),
      fc.constantFrom<IntOrPercent>(0, '0%').map((z) => ({ updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: z, maxSurge: z }) })),
      nonZero.map((s) => ({ updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: s }) })),
      fc.integer({ min: -100, max: -1 }).map((n) => ({ minReadySeconds: n })),
      fc.integer({ min: -100, max: -1 }).map((n) => ({ revisionHistoryLimit: n })),
      fc.constantFrom('OnFailure' as const, 'Never' as const).map((r) => ({ restartPolicy: r })),
      fc.constant({ containers: [] }),
    );
    fc.assert(
      fc.property(constructId, containers, invalid, (id, cs, bad) => {
        expect(isRejected(({ chart }) => new DaemonSet(chart, id, { containers: cs, ...bad }))).toBe(true);
      }),
      { seed: 60302, numRuns: FC_RUNS },
    );
  });
});
