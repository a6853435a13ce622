import { networkOf, parseCidr, parseIp, strictCidrProblem } from '../../../lib/rules/apiserver/ip-syntax';

describe('ip-syntax', () => {
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
