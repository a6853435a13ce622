/** Property: random valid quotas (limits, counts, storage classes, scopes) synthesize clean; broken ones never do. */
import * as fc from 'fast-check';
import { ResourceQuota } from '../../lib';
import { buildQuota, count, quantity, quotaProps, quotaScoping } from './policy-apps';
import { expectClean, expectRejected, outcome, RUNS } from './util';

describe('ResourceQuota (property)', () => {
  test('valid quotas synthesize clean', () => {
    fc.assert(fc.property(quotaProps, quotaScoping, (p, s) => {
      expectClean(outcome(({ chart }) => buildQuota(chart, p, s)));
    }), { seed: 6401, ...RUNS });
  });

  test('broken quotas are rejected', () => {
    const bad = fc.oneof(
      fc.record({ hard: fc.constant({}) }),
      fc.record({ hard: fc.record({ pods: fc.double({ min: 0.1, max: 100, noInteger: true }) }) }),
      fc.record({ hard: fc.record({ 'requests.cpu': fc.constantFrom('-1', '1 cpu', '2GB', 'abc') }) }),
      fc.record({ hard: fc.record({ [`${'cpus'}`]: quantity }) }),
      fc.record({ hard: fc.constant({ pods: 1 }), scopes: fc.constantFrom(['Terminating', 'NotTerminating'], ['BestEffort', 'NotBestEffort'], ['Terminating', 'Terminating'], ['Everything']) }),
      fc.record({ hard: fc.record({ services: count }), scopes: fc.constantFrom(['Terminating'], ['BestEffort'], ['NotBestEffort']) }),
      fc.record({ hard: fc.record({ 'limits.memory': quantity }), scopes: fc.constant(['BestEffort']) }),
      fc.record({ hard: fc.constant({ pods: 1 }), scopeSelector: fc.constantFrom(
        [{ scopeName: 'PriorityClass', operator: 'In' }], [{ scopeName: 'PriorityClass', operator: 'Exists', values: ['x'] }],
        [{ scopeName: 'Terminating', operator: 'In', values: ['x'] }], [{ scopeName: 'Nope', operator: 'Exists' }], [{ scopeName: 'BestEffort', operator: 'Is' }],
      ) }),
    );
    fc.assert(fc.property(bad, (p) => expectRejected(outcome(({ chart }) => new ResourceQuota(chart, 'q', p as never)))), { seed: 6402, ...RUNS });
  });
});
