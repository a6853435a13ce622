import { networkPolicySpecRule as rule } from '../../../lib/rules/apiserver/network-policy-spec';
import { Obj, PATH, broken, expectOne, run } from './fixtures';
import { groupFixtures } from './group-fixtures';

const np = (mutate: (spec: Obj) => void) => broken(groupFixtures.networkPolicy(), (o) => void mutate(o.spec));
const block = (cidr: string, except?: string[]) => np((s) => void (s.ingress[0].from[0].ipBlock = { cidr, ...(except ? { except } : {}) }));
const IB = '/spec/ingress/0/from/0/ipBlock';

describe('network-policy-spec', () => {
  test.each(Object.entries(groupFixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['an except outside the cidr', block('10.0.0.0/16', ['10.1.0.0/24']), `${IB}/except/0`, ['"10.1.0.0/24"', 'strictly inside']],
    ['an except equal to the cidr', block('10.0.0.0/16', ['10.0.0.0/16']), `${IB}/except/0`, ['strictly inside']],
    ['an IPv4 except under an IPv6 cidr', block('fd00::/8', ['10.0.0.0/24']), `${IB}/except/0`, ['strictly inside']],
    ['a cidr without a prefix length', block('10.0.0.0'), `${IB}/cidr`, ['"10.0.0.0"', 'not a valid CIDR']],
    ['a prefix length above 32', block('10.0.0.0/33'), `${IB}/cidr`, ['not a valid CIDR']],
    ['an empty cidr', block(''), `${IB}/cidr`, ['empty']],
    ['a cidr with host bits set', block('10.0.5.0/16'), `${IB}/cidr`, ['bits set beyond the prefix', '10.0.0.0/16']],
    ['a cidr with leading zeros', block('010.0.0.0/8'), `${IB}/cidr`, ['leading zeros']],
    ['a prefix length with a leading zero', block('10.0.0.0/08'), `${IB}/cidr`, ['leading zeros']],
    ['an IPv4-mapped IPv6 cidr', block('::ffff:10.0.0.0/104'), `${IB}/cidr`, ['IPv4-mapped']],
    ['an IPv6 cidr with host bits', block('fd00::1/64'), `${IB}/cidr`, ['the range is fd00::/64']],
    ['an ipBlock combined with a selector', np((s) => void (s.ingress[0].from[0].podSelector = {})), '/spec/ingress/0/from/0', ['ipBlock', 'podSelector']],
    ['an empty peer', np((s) => void (s.egress[0].to = [{}])), '/spec/egress/0/to/0', ['peer is empty']],
    ['endPort with a named port', np((s) => void (s.ingress[0].ports[1].endPort = 9000)), '/spec/ingress/0/ports/1/endPort', ['named port "http"']],
    ['endPort below port', np((s) => void (s.ingress[0].ports[0] = { port: 9000, endPort: 8000 })), '/spec/ingress/0/ports/0/endPort', ['below port 9000']],
    ['endPort without port', np((s) => void (s.ingress[0].ports[0] = { endPort: 8000 })), '/spec/ingress/0/ports/0/endPort', ['without a port']],
    ['port 0', np((s) => void (s.ingress[0].ports[0] = { port: 0 })), '/spec/ingress/0/ports/0/port', ['1 to 65535']],
    ['a quoted port number', np((s) => void (s.ingress[0].ports[1].port = '8080')), '/spec/ingress/0/ports/1/port', ['"8080"']],
    ['a protocol typo', np((s) => void (s.ingress[0].ports[1].protocol = 'tcp')), '/spec/ingress/0/ports/1/protocol', ['"tcp"', 'TCP, UDP, SCTP']],
    ['three policyTypes', np((s) => void (s.policyTypes = ['Ingress', 'Egress', 'Ingress'])), '/spec/policyTypes', ['at most two']],
    ['a policy type typo', np((s) => void (s.policyTypes = ['ingress'])), '/spec/policyTypes/0', ['"ingress"']],
    ['a bad pod selector operator', np((s) => void (s.podSelector = { matchExpressions: [{ key: 'app', operator: 'Is', values: ['web'] }] })), '/spec/podSelector/matchExpressions/0/operator', ['"Is"']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['an IPv6 except inside its cidr', block('2001:db8::/32', ['2001:db8:1::/48'])],
    ['a host route', block('192.168.1.7/32')],
    ['the whole IPv4 space', block('0.0.0.0/0', ['10.0.0.0/8'])],
    ['an empty selector peer (every pod of the namespace)', np((s) => void (s.ingress[0].from = [{ podSelector: {} }]))],
    ['namespace and pod selectors together', np((s) => void (s.ingress[0].from = [{ podSelector: {}, namespaceSelector: { matchLabels: { team: 'a' } } }]))],
    ['a single-port range', np((s) => void (s.ingress[0].ports[0] = { port: 80, endPort: 80 }))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('judges CIDR forms by the target version: 1.35 reads them leniently, 1.36 strictly', () => {
    const obj = block('10.0.5.0/16', ['10.0.1.0/24']);
    expect(rule.check(obj, PATH, { k8sVersion: '1.35' })).toEqual([]);
    expect(rule.check(obj, PATH, { k8sVersion: '1.36' }).map((i) => i.jsonPointer)).toEqual([`${IB}/cidr`]);
    // The lenient reader still checks containment against the range's network address.
    expect(rule.check(block('010.0.0.0/8', ['11.0.0.0/16']), PATH, { k8sVersion: '1.34' }).map((i) => i.jsonPointer)).toEqual([`${IB}/except/0`]);
  });

  test('never throws on garbage', () => {
    for (const spec of [null, 'x', { ingress: 'x' }, { ingress: [null, { from: [null, { ipBlock: 'x' }], ports: [7] }] }, { egress: [{ to: [{ ipBlock: { cidr: 5, except: [null] } }] }] }]) {
      expect(() => run(rule, { kind: 'NetworkPolicy', spec })).not.toThrow();
    }
  });
});
