import * as fc from 'fast-check';
import { kindRank, orderObjects } from '../../lib/synth/order';

describe('orderObjects', () => {
  test('random DAGs: every dependency comes first, and free items keep kind/tree order (property)', () => {
    const kinds = ['Namespace', 'ConfigMap', 'Service', 'Deployment', 'Widget'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constantFrom(...kinds), deps: fc.array(fc.nat(), { maxLength: 3 }) }), { minLength: 1, maxLength: 40 }),
        (raw) => {
          // only edges to earlier items, so the graph is acyclic
          const items = raw.map((r, i) => ({ kind: r.kind, after: i === 0 ? [] : r.deps.map((d) => d % i) }));
          const order = orderObjects(items);
          expect([...order].sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
          const pos = new Map(order.map((v, i) => [v, i]));
          items.forEach((it, i) => it.after.forEach((d) => expect(pos.get(d)!).toBeLessThan(pos.get(i)!)));
          if (items.every((it) => it.after.length === 0)) {
            for (let i = 1; i < order.length; i++) {
              const a = order[i - 1];
              const b = order[i];
              expect(kindRank(items[a].kind) < kindRank(items[b].kind) || (kindRank(items[a].kind) === kindRank(items[b].kind) && a < b)).toBe(true);
            }
          }
        },
      ),
      { seed: 99, numRuns: 1000 },
    );
  });

  test('unknown kinds go last', () => {
    expect(kindRank('Widget')).toBeGreaterThan(kindRank('Ingress'));
  });
});
