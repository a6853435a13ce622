/**
 * Property: limit ranges built from ordered quantities (min ≤ defaultRequest ≤ default ≤ max, ratio within
 * max/min) synthesize clean; swapping any ordered pair, a ratio below 1 or a bad name or quantity is rejected.
 */
import * as fc from 'fast-check';
import { LimitRange } from '../../lib';
import { expectClean, expectRejected, outcome, RUNS } from './util';

type Field = 'min' | 'defaultRequest' | 'default' | 'max';
const ORDER: Field[] = ['min', 'defaultRequest', 'default', 'max'];
const UNIT: Record<string, string> = { cpu: 'm', memory: 'Mi', 'ephemeral-storage': 'Mi', 'hugepages-2Mi': 'Mi', 'example.com/dongle': '' };

/** Per resource: ascending values for a random subset of the ordered fields, plus maybe a satisfiable ratio. */
const resourceBounds = fc.record({
  resource: fc.constantFrom(...Object.keys(UNIT)),
  values: fc.uniqueArray(fc.integer({ min: 1, max: 100000 }), { minLength: 4, maxLength: 4 }).map((v) => v.sort((a, b) => a - b)),
  fields: fc.subarray(ORDER, { minLength: 1 }),
  ratio: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
});
type Bounds = { resource: string; values: number[]; fields: Field[]; ratio?: number };

function build(bounds: Bounds[], fields: readonly Field[]): Record<string, Record<string, string | number>> {
  const out: Record<string, Record<string, string | number>> = {};
  for (const b of bounds) {
    for (const f of b.fields) if (fields.includes(f)) (out[f] ??= {})[b.resource] = `${b.values[ORDER.indexOf(f)]}${UNIT[b.resource]}`;
    if (b.ratio !== undefined) {
      const lo = out.min?.[b.resource] !== undefined ? b.values[0] : undefined;
      const hi = out.max?.[b.resource] !== undefined ? b.values[3] : undefined;
      const span = lo !== undefined && hi !== undefined ? hi / lo : 10;
      (out.maxLimitRequestRatio ??= {})[b.resource] = Math.max(1, Math.floor((1 + b.ratio * (span - 1)) * 1000) / 1000);
    }
  }
  return out;
}

describe('LimitRange (property)', () => {
  test('ordered bounds for containers, pods and PVCs synthesize clean', () => {
    const props = fc.record({
      container: fc.option(fc.uniqueArray(resourceBounds, { minLength: 1, maxLength: 3, selector: (b) => b.resource }), { nil: undefined }),
      pod: fc.option(fc.uniqueArray(resourceBounds, { minLength: 1, maxLength: 3, selector: (b) => b.resource }), { nil: undefined }),
      pvc: fc.option(fc.tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.constantFrom('min', 'max', 'both')), { nil: undefined }),
    }).filter((p) => !!(p.container || p.pod || p.pvc));
    fc.assert(fc.property(props, (p) => {
      expectClean(outcome(({ chart }) => {
        const pvc = p.pvc && { ...(p.pvc[2] !== 'max' && { min: { storage: `${p.pvc[0]}Gi` as const } }), ...(p.pvc[2] !== 'min' && { max: { storage: `${p.pvc[0] + p.pvc[1]}Gi` as const } }) };
        new LimitRange(chart, 'l', {
          container: p.container && build(p.container, ORDER),
          pod: p.pod && build(p.pod, ['min', 'max']),
          persistentVolumeClaim: pvc,
        });
      }));
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
      fc.constant({ persistentVolumeClaim: {} }),
      fc.constant({}),
    );
    fc.assert(fc.property(bad, (p) => expectRejected(outcome(({ chart }) => new LimitRange(chart, 'l', p as never)))), { seed: 6502, ...RUNS });
  });
});
