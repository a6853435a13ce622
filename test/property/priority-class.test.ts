/** Property: every user-range PriorityClass synthesizes clean; out-of-range or reserved ones are rejected. */
import * as fc from 'fast-check';
import { MAX_USER_PRIORITY, PriorityClass } from '../../lib';
import { priorityClassProps } from './policy-apps';
import { expectClean, expectRejected, outcome, RUNS } from './util';

describe('PriorityClass (property)', () => {
  test('valid classes synthesize clean', () => {
    fc.assert(fc.property(priorityClassProps, (p) => expectClean(outcome(({ chart }) => new PriorityClass(chart, 'pc', p)))), { seed: 6301, ...RUNS });
  });

  test('invalid classes are rejected', () => {
    const bad = fc.oneof(
      fc.record({ value: fc.oneof(fc.integer({ min: MAX_USER_PRIORITY + 1, max: 2 ** 40 }), fc.integer({ min: -(2 ** 40), max: -2147483649 }), fc.double({ noInteger: true, noNaN: true }), fc.constant(NaN)) }),
      fc.record({ value: fc.integer(), name: fc.stringMatching(/^system-[a-z]{1,10}$/) }),
      fc.record({ value: fc.integer({ min: 0, max: 100 }), preemptionPolicy: fc.constantFrom('Always', 'never', '') as fc.Arbitrary<never> }),
      fc.record({ value: fc.integer({ min: 0, max: 100 }), globalDefault: fc.constantFrom('true', 1) as fc.Arbitrary<never> }),
    );
    fc.assert(fc.property(bad, (p) => expectRejected(outcome(({ chart }) => new PriorityClass(chart, 'pc', p)))), { seed: 6302, ...RUNS });
  });
});
