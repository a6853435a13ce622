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

  test.each(['512MB', '1gb', '1 Gi', '', '1.2.3', '10GiB', '1KB', '\t1'])('%j is rejected', (q) => {
    expect(isQuantity(q)).toBe(false);
  });

  // The API server's scanner reads a missing number as 0 and its JSON decoder trims spaces: all of these are accepted.
  test.each(['Mi', '.', '+', ' 1', '1 ', '1.G'])('%j is accepted, as the API server accepts it', (q) => {
    expect(isQuantity(q)).toBe(true);
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

  test('1150m equals 1.15 exactly, and 1151m is above it', () => {
    expect(compareQuantities('1150m', '1.15')).toBe(0);
    expect(compareQuantities('1151m', '1.15')).toBeGreaterThan(0);
    expect(compareQuantities('0.3', '100m')).toBeGreaterThan(0);
    expect(compareQuantities('300m', '0.1e0')).toBeGreaterThan(0);
    expect(compareQuantities('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
  });

  test('an invalid quantity compares as NaN', () => {
    expect(compareQuantities('512MB' as never, '1')).toBeNaN();
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

  test('a request equal to its limit in another spelling (1150m, 1.15) is accepted; 1151m is not', () => {
    const chart = new Chart(new App(), 'test');
    expect(() => new Deployment(chart, 'ok', { containers: [{ image: 'nginx:1.27', resources: { requests: { cpu: '1150m' }, limits: { cpu: '1.15' } } }] })).not.toThrow();
    expect(() => new Deployment(chart, 'bad', { containers: [{ image: 'nginx:1.27', resources: { requests: { cpu: '1151m' }, limits: { cpu: '1.15' } } }] })).toThrow(/requests\.cpu is greater than resources\.limits\.cpu/);
  });
});
