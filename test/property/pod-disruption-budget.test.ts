/** Property: valid budgets on random workloads synthesize clean; budgets that are invalid or can never allow an eviction do not. */
import * as fc from 'fast-check';
import { Deployment, IntOrPercent, PodDisruptionBudget } from '../../lib';
import { buildBudget, pdbContainer as nginx, pdbPolicy as policy, percent, validBudget } from './policy-apps';
import { expectClean, expectRejected, outcome, RUNS } from './util';

describe('PodDisruptionBudget (property)', () => {
  test('a valid budget (minAvailable below the replicas, or maxUnavailable above 0) synthesizes clean', () => {
    fc.assert(fc.property(validBudget, policy, (budget, unhealthyPodEvictionPolicy) => {
      expectClean(outcome(({ chart }) => buildBudget(chart, budget, unhealthyPodEvictionPolicy)));
    }), { seed: 6201, ...RUNS });
  });

  test('a budget that is malformed or can never allow an eviction is rejected', () => {
    const bad = fc.integer({ min: 1, max: 20 }).chain((replicas) => fc.tuple(fc.constant(replicas), fc.oneof(
      fc.constant({}),
      fc.record({ minAvailable: fc.integer({ min: replicas, max: replicas + 10 }) }),
      fc.record({ minAvailable: fc.constant('100%' as IntOrPercent) }),
      fc.record({ maxUnavailable: fc.constantFrom<IntOrPercent>(0, '0%') }),
      fc.record({ maxUnavailable: fc.oneof(fc.integer({ min: -5, max: -1 }), fc.double({ min: 0.1, max: 5, noInteger: true }), percent(101, 500)) }),
      fc.record({ minAvailable: fc.integer({ min: 0, max: 3 }), maxUnavailable: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ minAvailable: fc.constantFrom<IntOrPercent>('half' as never, '5 %' as never, '-1%' as never) }),
    )));
    fc.assert(fc.property(bad, ([replicas, b]) => {
      expectRejected(outcome(({ chart }) => {
        new PodDisruptionBudget(chart, 'pdb', { target: new Deployment(chart, 'web', { replicas, containers: [nginx] }), ...(b as object) });
      }));
    }), { seed: 6202, ...RUNS });
  });
});
