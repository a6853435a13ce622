import { serviceSpecRule as rule } from '../../../lib/rules/apiserver/service-spec';
import { Obj, PATH, broken, expectOne, fixtures, run } from './fixtures';

const svc = (mutate: (spec: Obj) => void) => broken(fixtures.service(), (o) => void mutate(o.spec));

describe('service-spec', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['port 70000', svc((s) => void (s.ports[0].port = 70000)), '/spec/ports/0/port', ['70000', '1 to 65535']],
    ['a missing port number', svc((s) => void delete s.ports[0].port), '/spec/ports/0/port', ['missing']],
    ['targetPort 0', svc((s) => void (s.ports[0].targetPort = 0)), '/spec/ports/0/targetPort', ['targetPort 0']],
    ['a targetPort name over 15 characters', svc((s) => void (s.ports[0].targetPort = 'very-long-port-name')), '/spec/ports/0/targetPort', ['"very-long-port-name"']],
    ['an unnamed port among two', svc((s) => void delete s.ports[1].name), '/spec/ports/1/name', ['more than one port']],
    ['a duplicate port name', svc((s) => void (s.ports[1].name = 'http')), '/spec/ports/1/name', ['"http" is used twice']],
    ['a port name with upper case', svc((s) => void (s.ports[0].name = 'HTTP')), '/spec/ports/0/name', ['"HTTP"', 'DNS-1123 label']],
    ['the same port twice', svc((s) => void (s.ports[1].port = 80)), '/spec/ports/1', ['80/TCP is listed twice']],
    ['protocol http', svc((s) => void (s.ports[0].protocol = 'HTTP')), '/spec/ports/0/protocol', ['"HTTP"']],
    ['nodePort on a ClusterIP Service', svc((s) => void (s.ports[0].nodePort = 30080)), '/spec/ports/0/nodePort', ['ClusterIP Service']],
    ['nodePort outside the default range', svc((s) => { s.type = 'NodePort'; s.ports[0].nodePort = 8080; }), '/spec/ports/0/nodePort', ['30000-32767', 'default']],
    ['the same nodePort twice', svc((s) => { s.type = 'NodePort'; s.ports[0].nodePort = 30080; s.ports[1].nodePort = 30080; }), '/spec/ports/1/nodePort', ['used by two ports']],
    ['a headless LoadBalancer', svc((s) => Object.assign(s, { type: 'LoadBalancer', clusterIP: 'None' })), '/spec/clusterIP', ['headless', 'LoadBalancer']],
    ['no ports on a ClusterIP Service', svc((s) => void (s.ports = [])), '/spec/ports', ['at least one port']],
    ['an ExternalName without externalName', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { type: 'ExternalName' } }, '/spec/externalName', ['needs spec.externalName']],
    ['an ExternalName with a URL', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { type: 'ExternalName', externalName: 'https://db.example.com' } }, '/spec/externalName', ['"https://db.example.com"']],
    ['an ExternalName with a clusterIP', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { type: 'ExternalName', externalName: 'db.example.com', clusterIP: '10.0.0.5' } }, '/spec/clusterIP', ['may not set clusterIP']],
    ['a type typo', svc((s) => void (s.type = 'Nodeport')), '/spec/type', ['"Nodeport"']],
    ['a sessionAffinity typo', svc((s) => void (s.sessionAffinity = 'clientIP')), '/spec/sessionAffinity', ['"clientIP"', 'None, ClientIP']],
    ['sessionAffinityConfig with affinity None', svc((s) => void (s.sessionAffinityConfig = { clientIP: { timeoutSeconds: 60 } })), '/spec/sessionAffinityConfig', ['sessionAffinity is None']],
    ['a ClientIP timeout over a day', svc((s) => Object.assign(s, { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 90000 } } })), '/spec/sessionAffinityConfig/clientIP/timeoutSeconds', ['90000', '86400']],
    ['externalTrafficPolicy on a ClusterIP Service', svc((s) => void (s.externalTrafficPolicy = 'Local')), '/spec/externalTrafficPolicy', ['ClusterIP Service']],
    ['an externalTrafficPolicy typo', svc((s) => Object.assign(s, { type: 'NodePort', externalTrafficPolicy: 'local' })), '/spec/externalTrafficPolicy', ['"local"', 'Cluster, Local']],
    ['loadBalancerSourceRanges on a NodePort Service', svc((s) => Object.assign(s, { type: 'NodePort', loadBalancerSourceRanges: ['10.0.0.0/8'] })), '/spec/loadBalancerSourceRanges', ['only when type is LoadBalancer']],
    ['a selector value with spaces', svc((s) => void (s.selector.app = 'my web')), '/spec/selector/app', ['app="my web"']],
    ['clusterIPs not starting with clusterIP', svc((s) => Object.assign(s, { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.11'] })), '/spec/clusterIPs', ['must start with clusterIP']],
    ['an invalid clusterIP', svc((s) => void (s.clusterIP = '10.0.0.300')), '/spec/clusterIP', ['"10.0.0.300"']],
    ['None followed by an address', svc((s) => void (s.clusterIPs = ['None', '10.96.0.10'])), '/spec/clusterIPs', ['only value']],
    ['three cluster IPs', svc((s) => void (s.clusterIPs = ['10.96.0.10', 'fd00::10', '10.96.0.11'])), '/spec/clusterIPs', ['at most 2']],
    ['two IPv4 cluster IPs', svc((s) => void (s.clusterIPs = ['10.96.0.10', '10.96.0.11'])), '/spec/clusterIPs', ['two IPv4 addresses']],
    ['a cluster IP of the wrong family', svc((s) => Object.assign(s, { clusterIPs: ['fd00::10'], ipFamilies: ['IPv4'] })), '/spec/clusterIPs/0', ['not an IPv4 address']],
    ['a duplicate ip family', svc((s) => void (s.ipFamilies = ['IPv6', 'IPv6'])), '/spec/ipFamilies/1', ['listed twice']],
    ['an ip family typo', svc((s) => void (s.ipFamilies = ['ipv4'])), '/spec/ipFamilies/0', ['"ipv4"']],
    ['an ipFamilyPolicy typo', svc((s) => void (s.ipFamilyPolicy = 'DualStack')), '/spec/ipFamilyPolicy', ['"DualStack"']],
    ['a loopback external IP', svc((s) => void (s.externalIPs = ['127.0.0.1'])), '/spec/externalIPs/0', ['loopback']],
    ['an invalid source range', svc((s) => Object.assign(s, { type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/33'] })), '/spec/loadBalancerSourceRanges/0', ['not a valid CIDR']],
    ['an invalid source range in the annotation', broken(fixtures.service(), (o) => {
      o.spec.type = 'LoadBalancer';
      o.metadata.annotations = { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8, 1.2.3/24' };
    }), '/metadata/annotations/service.beta.kubernetes.io~1load-balancer-source-ranges', ['"1.2.3/24"']],
    ['the source range annotation on a ClusterIP Service', broken(fixtures.service(), (o) => void (o.metadata.annotations = { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8' })), '/metadata/annotations/service.beta.kubernetes.io~1load-balancer-source-ranges', ['only when type is LoadBalancer']],
    ['an invalid loadBalancerClass', svc((s) => Object.assign(s, { type: 'LoadBalancer', loadBalancerClass: '-bad/class' })), '/spec/loadBalancerClass', ['"-bad/class"']],
    ['an appProtocol with a space', svc((s) => void (s.ports[0].appProtocol = 'my proto')), '/spec/ports/0/appProtocol', ['"my proto"']],
    ['differing topology annotations', broken(fixtures.service(), (o) => void (o.metadata.annotations = { 'service.kubernetes.io/topology-mode': 'Auto', 'service.kubernetes.io/topology-aware-hints': 'Disabled' })), '/metadata/annotations/service.kubernetes.io~1topology-mode', ['must be equal']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['a headless Service without ports', svc((s) => Object.assign(s, { clusterIP: 'None', ports: [] }))],
    ['an ExternalName with a trailing dot and no ports', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { type: 'ExternalName', externalName: 'db.example.com.' } }],
    ['a LoadBalancer with nodePorts, Local policy and a health check port', svc((s) => {
      Object.assign(s, { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30999, loadBalancerSourceRanges: ['10.0.0.0/8'] });
      s.ports[0].nodePort = 30080;
    })],
    ['one unnamed port', svc((s) => void (s.ports = [{ port: 80, targetPort: 8080 }]))],
    ['the same port number on TCP and UDP', svc((s) => void (s.ports = [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }]))],
    ['ClientIP affinity with a timeout', svc((s) => Object.assign(s, { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } }))],
    ['externalTrafficPolicy on a ClusterIP Service with externalIPs', svc((s) => Object.assign(s, { externalIPs: ['203.0.113.10'], externalTrafficPolicy: 'Cluster' }))],
    ['a dual-stack Service with matching families', svc((s) => Object.assign(s, { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', 'fd00::10'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' }))],
    ['a headless Service with ipFamilies', svc((s) => Object.assign(s, { clusterIP: 'None', ipFamilies: ['IPv6'] }))],
    ['a source range padded with blanks, an annotation on a LoadBalancer, a class and appProtocol', broken(fixtures.service(), (o) => {
      Object.assign(o.spec, { type: 'LoadBalancer', loadBalancerClass: 'example.com/internal', loadBalancerSourceRanges: [' 10.0.0.0/8', '2001:db8::/32'] });
      o.spec.ports[0].appProtocol = 'kubernetes.io/h2c';
      o.metadata.annotations = { 'service.beta.kubernetes.io/load-balancer-source-ranges': 'garbage, ignored when the field is set' };
    })],
    ['equal topology annotations', broken(fixtures.service(), (o) => void (o.metadata.annotations = { 'service.kubernetes.io/topology-mode': 'Auto', 'service.kubernetes.io/topology-aware-hints': 'Auto' }))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  describe('strict IP/CIDR forms (StrictIPCIDRValidation, on from 1.36)', () => {
    const lb = (ranges: string[]) => svc((s) => Object.assign(s, { type: 'LoadBalancer', loadBalancerSourceRanges: ranges }));
    const ann = (value: string) => broken(fixtures.service(), (o) => {
      o.spec.type = 'LoadBalancer';
      o.metadata.annotations = { 'service.beta.kubernetes.io/load-balancer-source-ranges': value };
    });
    test.each<[string, Obj, string, string]>([
      ['an external IP with a leading zero', svc((s) => void (s.externalIPs = ['203.0.113.010'])), '/spec/externalIPs/0', 'leading zeros'],
      ['an IPv4-mapped external IP', svc((s) => void (s.externalIPs = ['::ffff:203.0.113.10'])), '/spec/externalIPs/0', 'IPv4-mapped'],
      ['a source range with host bits', lb(['10.0.0.1/8']), '/spec/loadBalancerSourceRanges/0', 'beyond the prefix length'],
      ['a source range with a leading-zero prefix', lb(['10.0.0.0/08']), '/spec/loadBalancerSourceRanges/0', 'leading zeros'],
      ['an IPv4-mapped source range', lb(['::ffff:10.0.0.0/104']), '/spec/loadBalancerSourceRanges/0', 'IPv4-mapped'],
      ['an annotation range with host bits', ann('10.0.0.0/8, 192.168.1.1/24'), '/metadata/annotations/service.beta.kubernetes.io~1load-balancer-source-ranges', 'beyond the prefix length'],
    ])('rejects %s (1.37), accepts it for 1.35', (_t, obj, pointer, fragment) => {
      expectOne(rule, obj, pointer, fragment);
      expect(rule.check(obj, PATH, { k8sVersion: '1.35' })).toEqual([]);
    });
    test('a loopback address is still judged as an endpoint after the strict check', () => {
      expectOne(rule, svc((s) => void (s.externalIPs = ['127.0.0.1'])), '/spec/externalIPs/0', 'loopback');
      expect(rule.check(svc((s) => void (s.externalIPs = ['::ffff:127.0.0.1'])), PATH, { k8sVersion: '1.35' })[0].message).toContain('loopback');
    });
    test('blanks around a range are still allowed', () => {
      expect(run(rule, lb([' 10.0.0.0/8 ']))).toEqual([]);
    });
  });
});
