/**
 * Property: limit ranges built from ordered quantities (min ≤ defaultRequest ≤ default ≤ max, ratio within
 * max/min) synthesize clean; swapping any ordered pair, a ratio below 1 or a bad name or quantity is rejected.
 */
import * as fc from 'fast-check';
import { LimitRange } from '../../lib';
import { buildLimitRange, Field, limitRangeProps } from './policy-apps';
import { expectClean, expectRejected, outcome, RUNS } from './util';

describe('LimitRange (property)', () => {
  test('ordered bounds for containers, pods and PVCs synthesize clean', () => {
    fc.assert(fc.property(limitRangeProps, (p) => {
      expectClean(outcome(({ chart }) => buildLimitRange(chart, p)));
    }), { seed: 6501, ...RUNS });
  });

  test('out-of-order bounds, low ratios, unknown resources and bad quantities are rejected', () => {
    const pairs: [Field, Field][] = [['min', 'max'], ['min', 'defaultRequest'], ['defaultRequest', 'default'], ['default', 'max'], ['min', 'default'], ['defaultRequest', 'max']];
    const swapped = fc.tuple(fc.constantFrom(...pairs), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 })).map(([[lo, hi], a, d]) => ({ container: { [lo]: { cpu: `${a + d}m` }, [hi]: { cpu: `${a}m` } } }));
    const bad = fc.oneof(
      swapped,
      fc.double({ min: 0, max: 0.999, noNaN: true }).map((r) => ({ pod: { maxLimitRequestRatio: { memory: r } } })),
      fc.integer({ min: 1, max: 50 }).map((m) => ({ container: { min: { cpu: '100m' }, max: { cpu: `${100 * (m + 1)}m` }, maxLimitRequestRatio: { cpu: m + 1.5 } } })),
      fc.constantFrom('cpus', 'CPU', 'gpu', 'storage').map((r) => ({ container: { max: { [r]: '1' } } })),
      fc.constantFrom('1GB', '-1', 'lots', '1 Gi').map((q) => ({ container: { default: { memory: q } } })),
      fc.constant({ pod: { default: { cpu: '1' } } }),
      fc.tuple(fc.constantFrom('hugepages-2Mi', 'example.com/dongle'), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 })).map(([r, a, d]) => ({ container: { defaultRequest: { [r]: `${a}Mi` }, default: { [r]: `${a + d}Mi` } } })),
      fc.constant({ persistentVolumeClaim: {} }),
      fc.constant({}),
    );
    fc.assert(fc.property(bad, (p) => expectRejected(outcome(({ chart }) => new LimitRange(chart, 'l', p as never)))), { seed: 6502, ...RUNS });
  });
});
