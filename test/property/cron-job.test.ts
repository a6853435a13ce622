import * as fc from 'fast-check';
import { CronJob, CronJobProps } from '../../lib';
import { invalidJobChange, jobContainers, validJobSpec } from './job-arbitraries';
import { constructId, FC_RUNS, isRejected, synthErrors } from './workload-arbitraries';

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** One cron field: *, a value, a range, a step or a list, within the field's bounds. */
const field = (min: number, max: number) => {
  const v = fc.integer({ min, max });
  const range = fc.tuple(v, v).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`);
  const step = fc.tuple(fc.constantFrom('*', `${min}-${max}`), fc.integer({ min: 1, max: max - min + 1 })).map(([r, s]) => `${r}/${s}`);
  const atom = fc.oneof(fc.constant('*'), v.map(String), range, step);
  return fc.array(atom, { minLength: 1, maxLength: 3 }).map((parts) => (parts.includes('*') ? '*' : parts.join(',')));
};
const schedule: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(field(0, 59), field(0, 23), field(1, 31), fc.oneof(field(1, 12), fc.constantFrom('jan', 'mar-jun')), fc.oneof(field(0, 6), fc.constantFrom('mon-fri', 'sun'))).map((f) => f.join(' ')),
  fc.constantFrom('@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@every 5m', '@every 1h30m'),
);

const cronSettings = fc.record({
  schedule,
  timeZone: opt(fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Etc/GMT+5')),
  concurrencyPolicy: opt(fc.constantFrom('Allow' as const, 'Forbid' as const, 'Replace' as const)),
  startingDeadlineSeconds: opt(fc.nat(3600)),
  successfulJobsHistoryLimit: opt(fc.nat(10)),
  failedJobsHistoryLimit: opt(fc.nat(10)),
  suspend: opt(fc.boolean()),
});

const validCronJob: fc.Arbitrary<CronJobProps> = jobContainers.chain((containers) =>
  fc.tuple(validJobSpec(containers.length), cronSettings).map(([job, cron]) => ({ ...job, ...cron, containers })),
);

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
