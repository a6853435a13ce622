import { isCanonical, isStrictSubset, parseCidr } from '../../lib/util/cidr';

describe('parseCidr', () => {
  test('IPv4 and IPv6, compressed and with an IPv4 tail, parse to the same numbers as their long forms', () => {
    expect(parseCidr('10.1.0.0/16')).toEqual({ family: 4, address: 0x0a010000n, prefix: 16 });
    expect(parseCidr('fd00::/8')).toEqual(parseCidr('fd00:0:0:0:0:0:0:0/8'));
    expect(parseCidr('::ffff:10.0.0.0/104')).toEqual(parseCidr('0:0:0:0:0:ffff:a00:0/104'));
    expect(parseCidr('::/0')).toEqual({ family: 6, address: 0n, prefix: 0 });
  });

  test.each(['10.0.0.0', '10.0.0.0/33', 'fd00::/129', '010.0.0.0/8', '1.2.3/8', 'x/8', '10.0.0.0/8/8'])('%j is not a CIDR', (s) => {
    expect(parseCidr(s)).toBeUndefined();
  });

  test('canonical form and strict subsets', () => {
    const c = (s: string) => parseCidr(s)!;
    expect(isCanonical(c('10.0.0.0/8'))).toBe(true);
    expect(isCanonical(c('10.0.0.1/8'))).toBe(false);
    expect(isCanonical(c('fd00::1/128'))).toBe(true);
    expect(isCanonical(c('fd00::1/64'))).toBe(false);
    expect(isStrictSubset(c('10.1.0.0/16'), c('10.0.0.0/8'))).toBe(true);
    expect(isStrictSubset(c('10.0.0.0/8'), c('10.0.0.0/8'))).toBe(false);
    expect(isStrictSubset(c('11.0.0.0/16'), c('10.0.0.0/8'))).toBe(false);
    expect(isStrictSubset(c('fd00:1::/32'), c('fd00::/8'))).toBe(true);
    expect(isStrictSubset(c('0.0.0.0/1'), c('::/0'))).toBe(false);
  });
});
