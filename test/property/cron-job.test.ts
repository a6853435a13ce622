import * as fc from 'fast-check';
import { CronJob, CronJobProps } from '../../lib';
import { invalidJobChange, validCronJob } from './job-arbitraries';
import { constructId, FC_RUNS, isRejected, synthErrors } from './workload-arbitraries';

const invalidCronChange: fc.Arbitrary<Partial<CronJobProps>> = fc.oneof(
  fc.constantFrom('', '* * * *', '60 * * * *', '* 24 * * *', '* * 0 * *', '* * * 13 *', '* * * * 7', '*/0 * * * *', '@often', '@every', '@every 5 minutes', 'TZ=UTC * * * * *', 'CRON_TZ=Europe/Berlin 0 3 * * *', '5-1/x * * * *').map((s) => ({ schedule: s })),
  fc.constantFrom('', 'Local', 'utc', 'Europe/Atlantis', 'Not A Zone', '../etc').map((tz) => ({ timeZone: tz })),
  fc.constantFrom('Queue', 'allow', '').map((c) => ({ concurrencyPolicy: c as never })),
  fc.integer({ min: -1000, max: -1 }).map((n) => ({ startingDeadlineSeconds: n })),
  fc.integer({ min: -1000, max: -1 }).map((n) => ({ successfulJobsHistoryLimit: n })),
  fc.double({ min: 0.1, max: 9, noInteger: true, noNaN: true }).map((n) => ({ failedJobsHistoryLimit: n })),
  invalidJobChange.map((c) => c as Partial<CronJobProps>),
);

describe('CronJob (property)', () => {
  test('random valid props synthesize with no error findings', () => {
    fc.assert(
      fc.property(constructId, validCronJob, (id, props) => {
        expect(synthErrors(({ chart }) => new CronJob(chart, id, props))).toEqual([]);
      }),
      { seed: 60321, numRuns: FC_RUNS },
    );
  });

  test('random invalid props are rejected at construction or synth, never emitted silently', () => {
    fc.assert(
      fc.property(constructId, validCronJob, invalidCronChange, (id, props, bad) => {
        expect(isRejected(({ chart }) => new CronJob(chart, id, { ...props, ...bad }))).toBe(true);
      }),
      { seed: 60322, numRuns: FC_RUNS },
    );
  });
});
