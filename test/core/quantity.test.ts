import * as fc from 'fast-check';
import { compareQuantities, isQuantity, quantityFix, quantityValue } from '../../lib/util/quantity';
import { App, Chart, Deployment, KubeforgeError } from '../../lib';

describe('quantities', () => {
  test.each([
    ['500m', 0.5],
    ['1', 1],
    ['1.5', 1.5],
    ['512Mi', 512 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['2k', 2000],
    ['1e3', 1000],
    ['.5', 0.5],
  ])('%s has value %d', (q, v) => {
    expect(quantityValue(q)).toBeCloseTo(v);
  });

  test.each(['512MB', '1gb', 'Mi', '1 Gi', '', '1.2.3', '10GiB', '1KB'])('%j is rejected', (q) => {
    expect(isQuantity(q)).toBe(false);
  });

  test('512MB suggests 512Mi and 512M', () => {
    const fix = quantityFix('512MB');
    expect(fix).toContain('"512Mi"');
    expect(fix).toContain('"512M"');
  });

  test('1Gi equals 1024Mi; 1G is less than 1Gi', () => {
    expect(compareQuantities('1Gi', '1024Mi')).toBe(0);
    expect(compareQuantities('1G', '1Gi')).toBeLessThan(0);
  });

  test('every integer with a binary suffix parses to n * 1024^k (property)', () => {
    const suffixes = ['Ki', 'Mi', 'Gi', 'Ti'] as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 3 }), (n, k) => {
        expect(quantityValue(`${n}${suffixes[k]}`)).toBe(n * 1024 ** (k + 1));
      }),
      { seed: 7, numRuns: 1000 },
    );
  });

  test('a wrong quantity in a construct throws naming the path, the value and the fix', () => {
    const make = () => new Deployment(new Chart(new App(), 'test'), 'web', { containers: [{ image: 'nginx:1.27', resources: { requests: { memory: '512MB' as any } } }] });
    expect(make).toThrow(KubeforgeError);
    expect(make).toThrow(/test\/web.*resources\.requests\.memory.*"512MB".*512Mi/s);
  });

  test('requests above limits are rejected', () => {
    const chart = new Chart(new App(), 'test');
    expect(() => new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', resources: { requests: { cpu: '2' }, limits: { cpu: '500m' } } }] })).toThrow(/requests\.cpu is greater than resources\.limits\.cpu/);
  });
});
