import { serviceCidrRule as rule } from '../../../lib/rules/apiserver/service-cidr';
import { Obj, expectOne, run } from './fixtures';
import { groupFixtures } from './group-fixtures';

const sc = (cidrs: unknown[]): Obj => ({ apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'extra' }, spec: { cidrs } });

describe('service-cidr', () => {
  test.each(Object.entries(groupFixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  test.each<[string, Obj, string, string[]]>([
    ['no CIDRs', sc([]), '/spec/cidrs', ['at least one']],
    ['no spec', { kind: 'ServiceCIDR', metadata: { name: 'x' } }, '/spec/cidrs', ['at least one']],
    ['three CIDRs', sc(['10.0.0.0/16', 'fd00::/64', '10.1.0.0/16']), '/spec/cidrs', ['at most two']],
    ['two IPv4 ranges', sc(['10.0.0.0/16', '10.1.0.0/16']), '/spec/cidrs', ['both CIDRs']],
    ['host bits', sc(['10.0.0.1/16']), '/spec/cidrs/0', ['"10.0.0.0/16"']],
    ['upper-case IPv6', sc(['FD00::/64']), '/spec/cidrs/0', ['canonical', '"fd00::/64"']],
    ['uncompressed IPv6', sc(['fd00:0:0:0::/64']), '/spec/cidrs/0', ['"fd00::/64"']],
    ['not a CIDR', sc(['10.0.0.0']), '/spec/cidrs/0', ['not a valid CIDR']],
  ])('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['one IPv4 range', sc(['10.96.0.0/16'])],
    ['a dual-stack pair', sc(['10.96.0.0/16', 'fd00:10:96::/112'])],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('never throws on garbage', () => {
    for (const spec of [null, { cidrs: 'x' }, { cidrs: [null, 5] }]) expect(() => run(rule, { kind: 'ServiceCIDR', spec })).not.toThrow();
  });
});
