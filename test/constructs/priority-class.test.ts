import { PriorityClass } from '../../lib';
import { expectKubeforgeError, newChart, oneOfKind } from './util';

describe('PriorityClass', () => {
  test('value, globalDefault, preemptionPolicy and description; cluster-scoped', () => {
    const { app, chart } = newChart({ namespace: 'apps' });
    const pc = new PriorityClass(chart, 'high', { value: 100000, globalDefault: false, preemptionPolicy: 'Never', description: 'batch that must not preempt' });
    const out = oneOfKind(app, 'PriorityClass');
    expect(out.apiVersion).toBe('scheduling.k8s.io/v1');
    expect(out.metadata).not.toHaveProperty('namespace');
    expect(out).toMatchObject({ value: 100000, globalDefault: false, preemptionPolicy: 'Never', description: 'batch that must not preempt' });
    expect(pc.value).toBe(100000);
  });

  test('only value is emitted by default; existing classes by name', () => {
    const { app, chart } = newChart();
    new PriorityClass(chart, 'low', { value: -10 });
    expect(PriorityClass.fromName(chart, 'crit', 'system-cluster-critical').name).toBe('system-cluster-critical');
    const out = oneOfKind(app, 'PriorityClass');
    expect(Object.keys(out).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'value']);
  });

  test('bad input: reserved values and names, fractions, unknown policies', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new PriorityClass(chart, 'a', { value: 1_000_000_001 }), 'test/a', '1000000001', '1000000000');
    expectKubeforgeError(() => new PriorityClass(chart, 'b', { value: 1.5 }), 'test/b', '1.5');
    expectKubeforgeError(() => new PriorityClass(chart, 'c', { value: 1, name: 'system-mine' }), 'test/c', '"system-mine"', 'reserved');
    expectKubeforgeError(() => new PriorityClass(chart, 'd', { value: 1, preemptionPolicy: 'Always' as never }), 'test/d', '"Always"');
    expectKubeforgeError(() => new PriorityClass(chart, 'e', {} as never), 'test/e', 'needs a value');
  });
});
