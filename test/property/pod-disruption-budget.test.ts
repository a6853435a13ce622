/** Property: valid budgets on random workloads synthesize clean; budgets that are invalid or can never allow an eviction do not. */
import * as fc from 'fast-check';
import { ContainerProps, Deployment, IntOrPercent, Pod, PodDisruptionBudget } from '../../lib';
import { expectClean, expectRejected, outcome, RUNS } from './util';

const nginx: ContainerProps = { image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m', memory: '64Mi' } } };
const policy = fc.option(fc.constantFrom('IfHealthyBudget' as const, 'AlwaysAllow' as const), { nil: undefined });
const percent = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((n) => `${n}%` as IntOrPercent);

describe('PodDisruptionBudget (property)', () => {
  test('a valid budget (minAvailable below the replicas, or maxUnavailable above 0) synthesizes clean', () => {
    const budget = fc.integer({ min: 1, max: 20 }).chain((replicas) => fc.tuple(
      fc.constant(replicas),
      fc.oneof(
        fc.record({ minAvailable: fc.oneof(fc.integer({ min: 0, max: replicas - 1 }), percent(0, 99)) }),
        fc.record({ maxUnavailable: fc.oneof(fc.integer({ min: 1, max: 30 }), percent(1, 100)) }),
      ),
      fc.boolean(),
      fc.boolean(),
    ));
    fc.assert(fc.property(budget, policy, ([replicas, b, autoscaled, pod], unhealthyPodEvictionPolicy) => {
      expectClean(outcome(({ chart }) => {
        let target: Pod | Deployment;
        if (pod && 'maxUnavailable' in b) target = new Pod(chart, 'pod', { containers: [nginx] });
        else {
          const d = new Deployment(chart, 'web', { replicas, containers: [nginx] });
          if (autoscaled) d.autoscale({ maxReplicas: replicas + 1, cpuUtilization: 70 });
          target = d;
        }
        new PodDisruptionBudget(chart, 'pdb', { target, unhealthyPodEvictionPolicy, ...b });
      }));
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
