import * as fc from 'fast-check';
import { Job } from '../../lib';
import { invalidJobChange, validJob } from './job-arbitraries';
import { constructId, FC_RUNS, isRejected, synthErrors } from './workload-arbitraries';


describe('Job (property)', () => {
  test('random valid props synthesize with no error findings', () => {
    fc.assert(
      fc.property(constructId, validJob, (id, props) => {
        expect(synthErrors(({ chart }) => new Job(chart, id, props))).toEqual([]);
      }),
      { seed: 60311, numRuns: FC_RUNS },
    );
  });

  test('random invalid props are rejected at construction or synth, never emitted silently', () => {
    fc.assert(
      fc.property(constructId, validJob, invalidJobChange, (id, props, bad) => {
        expect(isRejected(({ chart }) => new Job(chart, id, { ...props, ...bad }))).toBe(true);
      }),
      { seed: 60312, numRuns: FC_RUNS },
    );
  });
});
