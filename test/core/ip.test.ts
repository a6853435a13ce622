import { endpointIPProblem, goFamily, hasHostBits, ipProblem, isStrictSubset, networkOf, parseCidr, parseIp, strictCidrProblem, strictIpValidation } from '../../lib/util/ip';

const isCanonical = (c: NonNullable<ReturnType<typeof parseCidr>>) => !hasHostBits(c);
/** Family, value and prefix (the shape the construct's parser had). */
const shape = (s: string) => { const c = parseCidr(s); return c && { family: c.ip.family, address: c.ip.value, prefix: c.prefix }; };

describe('parseCidr (the NetworkPolicy construct\'s cases)', () => {
  test('IPv4 and IPv6, compressed and with an IPv4 tail, parse to the same numbers as their long forms', () => {
    expect(shape('10.1.0.0/16')).toEqual({ family: 4, address: 0x0a010000n, prefix: 16 });
    expect(shape('fd00::/8')).toEqual(shape('fd00:0:0:0:0:0:0:0/8'));
    expect(shape('::ffff:10.0.0.0/104')).toEqual(shape('0:0:0:0:0:ffff:a00:0/104'));
    expect(shape('::/0')).toEqual({ family: 6, address: 0n, prefix: 0 });
  });

  test.each(['10.0.0.0', '10.0.0.0/33', 'fd00::/129', '1.2.3/8', 'x/8', '10.0.0.0/8/8'])('%j is not a CIDR', (s) => {
    expect(parseCidr(s)).toBeUndefined();
  });

  test('leading zeros in an address parse leniently but are marked (the construct refuses them)', () => {
    expect(parseCidr('010.0.0.0/8')!.ip.sloppy).toBe(true);
    expect(parseCidr('10.0.0.0/8')!.ip.sloppy).toBe(false);
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

describe('lenient parsing, networks and strict problems', () => {
  test.each(['10.0.0.1', '0.0.0.0', '255.255.255.255', '::', '::1', 'fd00::', '2001:db8::1', '1:2:3:4:5:6:7:8', '::ffff:1.2.3.4', '1:2:3:4:5:6:1.2.3.4', '010.001.2.3'])('reads %s as an IP', (s) => {
    expect(parseIp(s)).toBeDefined();
  });
  test.each(['', '10.0.0', '10.0.0.256', '1.2.3.4.5', 'a.b.c.d', ':::', '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8', 'fe80::1%eth0', '12345::', ':1::', 'shop.example.com', '1::2:'])('does not read %s as an IP', (s) => {
    expect(parseIp(s)).toBeUndefined();
  });
  test('IPv6 values and families', () => {
    expect(parseIp('::1')).toMatchObject({ family: 6, value: 1n });
    expect(parseIp('::ffff:1.2.3.4')!.value).toBe(0xffff01020304n);
    expect(parseIp('1.2.3.4')).toMatchObject({ family: 4, value: 0x01020304n, sloppy: false });
    expect(parseIp('01.2.3.4')!.sloppy).toBe(true);
  });
  test.each([
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['fd00:0:0:0:0:0:0:1/64', 'fd00::/64'],
    ['2001:db8:0:1:0:0:0:0/64', '2001:db8:0:1::/64'],
    ['1:0:0:2:0:0:0:3/128', '1:0:0:2::3/128'],
    ['0.0.0.0/0', '0.0.0.0/0'],
  ])('the network of %s is %s', (cidr, net) => {
    expect(networkOf(parseCidr(cidr)!)).toBe(net);
  });
  test('strict problems', () => {
    expect(strictCidrProblem(parseCidr('10.0.0.0/8')!)).toBeUndefined();
    expect(strictCidrProblem(parseCidr('FD00::/8')!)).toBeUndefined();
    expect(strictCidrProblem(parseCidr('10.0.0.0/08')!)).toContain('leading zeros');
    expect(strictCidrProblem(parseCidr('::ffff:0.0.0.0/96')!)).toContain('IPv4-mapped');
    expect(strictCidrProblem(parseCidr('10.0.0.1/8')!)).toContain('10.0.0.0/8');
  });
  test.each(['10.0.0.0', '10.0.0.0/', '10.0.0.0/33', '::/129', '10.0.0.0/-1', '/8', '10.0.0.0/8/8'])('%s is not a CIDR', (s) => {
    expect(parseCidr(s)).toBeUndefined();
  });
});

describe('IP parsing (ParseIPSloppy)', () => {
  test.each([
    ['10.0.0.1', 4], ['010.0.0.1', 4], ['::1', 6], ['2001:db8::1', 6], ['::ffff:10.0.0.1', 4], ['1:2:3:4:5:6:7:8', 6], ['::', 6], ['64:ff9b::1.2.3.4', 6],
  ])('%s is an IPv%s address', (ip, family) => {
    const parsed = parseIp(ip);
    expect(parsed && goFamily(parsed)).toBe(family);
  });
  test.each(['10.0.0.256', '10.0.0', '1:2:3:4:5:6:7:8:9', '1::2::3', 'fe80::1%eth0', '', ' 10.0.0.1', '::ffff:1.2.3'])('%s is not an address', (ip) => {
    expect(parseIp(ip)).toBeUndefined();
  });
  test('CIDRs', () => {
    expect(parseCidr('10.0.0.0/8')?.prefix).toBe(8);
    expect(parseCidr('10.0.0.1/32')).toBeDefined();
    expect(parseCidr('2001:db8::/129')).toBeUndefined();
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.0')).toBeUndefined();
  });
  test('endpoint addresses', () => {
    expect(endpointIPProblem('0.0.0.0')).toContain('unspecified');
    expect(endpointIPProblem('169.254.1.1')).toContain('link-local');
    expect(endpointIPProblem('224.0.0.5')).toContain('multicast');
    expect(endpointIPProblem('ff02::1')).toContain('multicast');
    expect(endpointIPProblem('::ffff:127.0.0.1')).toContain('loopback');
    expect(endpointIPProblem('203.0.113.9')).toBeUndefined();
    expect(endpointIPProblem('239.1.1.1')).toBeUndefined();
    expect(endpointIPProblem('::1')).toContain('loopback');
    expect(endpointIPProblem('fe80::1')).toContain('link-local');
    expect(endpointIPProblem('::')).toContain('unspecified');
    expect(endpointIPProblem('::ffff:0.0.0.0')).toContain('unspecified');
    expect(endpointIPProblem('2001:db8::1')).toBeUndefined();
    expect(endpointIPProblem(5)).toContain('not a valid');
  });
});

describe('legacy IP fields (ipProblem)', () => {
  test.each<[string, boolean, string | undefined]>([
    ['10.0.0.1', true, undefined],
    ['fd00::1', true, undefined],
    ['2001:db8::10.0.0.1', true, undefined],
    ['1:2:3:4:5:6:7::', true, undefined],
    ['010.0.0.1', false, undefined],
    ['010.0.0.1', true, 'leading zeros'],
    ['::ffff:10.0.0.1', false, undefined],
    ['::ffff:a00:1', true, 'IPv4-mapped'],
    ['10.0.0.256', false, 'not a valid'],
    ['1:2:3:4:5:6:7:8:9', false, 'not a valid'],
    ['1::2::3', false, 'not a valid'],
    ['dns.local', false, 'not a valid'],
    ['00001::', false, undefined],
    ['00001::', true, 'leading zeros'],
  ])('ipProblem(%s, strict %s)', (ip, strict, fragment) => {
    const got = ipProblem(ip, strict);
    if (fragment === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(fragment);
  });

  test('strict validation follows the StrictIPCIDRValidation gate', () => {
    expect(strictIpValidation('1.35')).toBe(false);
    expect(strictIpValidation('1.36')).toBe(true);
    expect(strictIpValidation(undefined)).toBe(true);
  });
});
