/** Property: every user-range PriorityClass synthesizes clean; out-of-range or reserved ones are rejected. */
import * as fc from 'fast-check';
import { MAX_USER_PRIORITY, PriorityClass } from '../../lib';
import { expectClean, expectRejected, outcome, RUNS } from './util';

describe('PriorityClass (property)', () => {
  test('valid classes synthesize clean', () => {
    const props = fc.record({
      value: fc.integer({ min: -2147483648, max: MAX_USER_PRIORITY }),
      globalDefault: fc.option(fc.boolean(), { nil: undefined }),
      preemptionPolicy: fc.option(fc.constantFrom('PreemptLowerPriority' as const, 'Never' as const), { nil: undefined }),
      description: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
      name: fc.option(fc.stringMatching(/^[a-z][a-z0-9.-]{0,30}[a-z0-9]$/).filter((n) => !n.startsWith('system-') && !/\.\.|\.-|-\./.test(n)), { nil: undefined }),
    }, { requiredKeys: ['value'] });
    fc.assert(fc.property(props, (p) => expectClean(outcome(({ chart }) => new PriorityClass(chart, 'pc', p)))), { seed: 6301, ...RUNS });
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
