import { podSpecRule as rule } from '../../../lib/rules/apiserver/pod-spec';
import { Obj, PATH, broken, expectOne, fixtures, podOf, run } from './fixtures';

const inPod = (mutate: (spec: Obj) => void) => (base: Obj) => broken(base, (o) => void mutate(podOf(o)));
const pod = (mutate: (spec: Obj) => void) => inPod(mutate)(fixtures.pod());
const S = '/spec';

describe('pod-spec', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['restartPolicy in lower case', pod((s) => void (s.restartPolicy = 'always')), `${S}/restartPolicy`, ['"always"', 'Always, OnFailure, Never']],
    ['an unknown dnsPolicy', pod((s) => void (s.dnsPolicy = 'ClusterFirstWithHostNetwork')), `${S}/dnsPolicy`, ['not supported']],
    ['dnsPolicy None without dnsConfig', pod((s) => void (s.dnsPolicy = 'None')), `${S}/dnsConfig`, ['dnsConfig is missing']],
    ['dnsPolicy None without nameservers', pod((s) => { s.dnsPolicy = 'None'; s.dnsConfig = { searches: ['svc.local'] }; }), `${S}/dnsConfig/nameservers`, ['no nameservers']],
    ['four nameservers', pod((s) => void (s.dnsConfig = { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9', '1.0.0.1'] })), `${S}/dnsConfig/nameservers`, ['4 nameservers', 'at most 3']],
    ['a nameserver that is not an IP', pod((s) => void (s.dnsConfig = { nameservers: ['dns.local'] })), `${S}/dnsConfig/nameservers/0`, ['"dns.local"']],
    ['33 search domains', pod((s) => void (s.dnsConfig = { searches: Array.from({ length: 33 }, (_, i) => `d${i}.local`) })), `${S}/dnsConfig/searches`, ['33 search domains']],
    ['a search list over 2048 characters', pod((s) => void (s.dnsConfig = { searches: Array.from({ length: 9 }, (_, i) => `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}${i}`) })), `${S}/dnsConfig/searches`, ['2048']],
    ['a search domain with upper case', pod((s) => void (s.dnsConfig = { searches: ['Svc.Local'] })), `${S}/dnsConfig/searches/0`, ['"Svc.Local"']],
    ['a dns option without a name', pod((s) => void (s.dnsConfig = { options: [{ value: '2' }] })), `${S}/dnsConfig/options/0`, ['no name']],
    ['a host alias with a bad IP', pod((s) => void (s.hostAliases = [{ ip: '10.0.0.256', hostnames: ['db'] }])), `${S}/hostAliases/0/ip`, ['"10.0.0.256"']],
    ['a host alias IP with a leading zero (1.36+)', pod((s) => void (s.hostAliases = [{ ip: '10.0.0.05', hostnames: ['db'] }])), `${S}/hostAliases/0/ip`, ['leading zeros']],
    ['an IPv4-mapped IPv6 nameserver (1.36+)', pod((s) => void (s.dnsConfig = { nameservers: ['::ffff:10.0.0.1'] })), `${S}/dnsConfig/nameservers/0`, ['IPv4-mapped']],
    ['a host alias hostname with "_"', pod((s) => void (s.hostAliases = [{ ip: '10.0.0.5', hostnames: ['my_db'] }])), `${S}/hostAliases/0/hostnames/0`, ['"my_db"']],
    ['a hostname with dots', pod((s) => void (s.hostname = 'web.example')), `${S}/hostname`, ['DNS-1123 label']],
    ['a subdomain with upper case', pod((s) => void (s.subdomain = 'DB')), `${S}/subdomain`, ['"DB"']],
    ['a nodeName with "_"', pod((s) => void (s.nodeName = 'node_1')), `${S}/nodeName`, ['"node_1"']],
    ['a priorityClassName with upper case', pod((s) => void (s.priorityClassName = 'High')), `${S}/priorityClassName`, ['"High"']],
    ['activeDeadlineSeconds 0', pod((s) => void (s.activeDeadlineSeconds = 0)), `${S}/activeDeadlineSeconds`, ['1 to 2147483647']],
    ['an unknown preemptionPolicy', inPod((s) => void (s.preemptionPolicy = 'Sometimes'))(fixtures.deployment()), '/spec/template/spec/preemptionPolicy', ['PreemptLowerPriority, Never']],
    ['a readiness gate with a bad condition type', pod((s) => void (s.readinessGates = [{ conditionType: 'ready gate' }])), `${S}/readinessGates/0/conditionType`, ['"ready gate"']],
    ['a scheduling gate listed twice', pod((s) => void (s.schedulingGates = [{ name: 'example.com/a' }, { name: 'example.com/a' }])), `${S}/schedulingGates/1`, ['listed twice']],
    ['nodeName with scheduling gates on a Pod', pod((s) => { s.nodeName = 'node-1'; s.schedulingGates = [{ name: 'example.com/a' }]; }), `${S}/nodeName`, ['scheduling gates']],
    ['shareProcessNamespace with hostPID', pod((s) => { s.shareProcessNamespace = true; s.hostPID = true; }), `${S}/shareProcessNamespace`, ['hostPID']],
    ['hostUsers false with hostNetwork', pod((s) => { s.hostUsers = false; s.hostNetwork = true; }), `${S}/hostNetwork`, ['hostUsers is false']],
    ['hostnameOverride with setHostnameAsFQDN', pod((s) => { s.hostnameOverride = 'web-main'; s.setHostnameAsFQDN = true; }), `${S}/hostnameOverride`, ['setHostnameAsFQDN']],
    ['a resource claim with both sources', pod((s) => void (s.resourceClaims = [{ name: 'gpu', resourceClaimName: 'a', resourceClaimTemplateName: 'b' }])), `${S}/resourceClaims/0`, ['both']],
    ['a container claim the pod does not declare', pod((s) => { s.resourceClaims = [{ name: 'gpu', resourceClaimTemplateName: 'gpu' }]; s.containers[0].resources.claims = [{ name: 'fpga' }]; }), `${S}/containers/0/resources/claims/0/name`, ['"fpga"', 'gpu']],
    ['pod-level ephemeral-storage', pod((s) => void (s.resources = { limits: { cpu: '1', 'ephemeral-storage': '1Gi' } })), `${S}/resources/limits/ephemeral-storage`, ['"ephemeral-storage"', 'cpu, memory, hugepages']],
    ['pod-level resources in a windows pod', pod((s) => { s.os = { name: 'windows' }; s.resources = { limits: { cpu: '1' } }; }), `${S}/resources`, ['windows']],
    ['a PodTemplate with a bad restartPolicy', { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't' }, template: { spec: { ...fixtures.pod().spec, restartPolicy: 'Sometimes' } } }, '/template/spec/restartPolicy', ['"Sometimes"']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['dnsPolicy None with a nameserver', pod((s) => { s.dnsPolicy = 'None'; s.dnsConfig = { nameservers: ['10.96.0.10'], searches: ['svc.cluster.local', '.', 'my_corp.local.'], options: [{ name: 'ndots', value: '2' }] }; })],
    ['an empty dnsPolicy and restartPolicy (defaulted)', pod((s) => { s.dnsPolicy = ''; s.restartPolicy = ''; })],
    ['IPv6 host aliases', pod((s) => void (s.hostAliases = [{ ip: 'fd00::1', hostnames: ['db.internal'] }, { ip: '2001:db8::10.0.0.1', hostnames: ['x'] }, { ip: '::1', hostnames: ['y'] }]))],
    ['a Job with activeDeadlineSeconds in its pod', inPod((s) => void (s.activeDeadlineSeconds = 600))(fixtures.job())],
    ['unique scheduling gates without nodeName', pod((s) => void (s.schedulingGates = [{ name: 'example.com/a' }, { name: 'b' }]))],
    ['nodeName with scheduling gates in a template', inPod((s) => { s.nodeName = 'node-1'; s.schedulingGates = [{ name: 'example.com/a' }]; })(fixtures.deployment())],
    ['hostUsers false alone', pod((s) => void (s.hostUsers = false))],
    ['pod-level cpu and memory', pod((s) => void (s.resources = { requests: { cpu: '500m' }, limits: { cpu: '1', memory: '1Gi' } }))],
    ['a container using a declared claim', pod((s) => { s.resourceClaims = [{ name: 'gpu', resourceClaimTemplateName: 'gpu' }]; s.containers[0].resources.claims = [{ name: 'gpu' }]; })],
    ['a resource claim with one source', pod((s) => void (s.resourceClaims = [{ name: 'gpu', resourceClaimTemplateName: 'gpu-template' }]))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('judges version-gated fields by the target version', () => {
    const obj = pod((s) => { s.hostUsers = false; s.hostPID = true; s.hostnameOverride = 'x'; s.setHostnameAsFQDN = true; });
    expect(rule.check(obj, PATH, { k8sVersion: '1.32' })).toEqual([]);
    expect(rule.check(obj, PATH, { k8sVersion: '1.34' }).map((i) => i.jsonPointer)).toEqual(['/spec/hostPID']);
    expect(rule.check(obj, PATH, { k8sVersion: '1.37' })).toHaveLength(2);
  });

  test('legacy IP forms are accepted before 1.36', () => {
    const obj = pod((s) => { s.hostAliases = [{ ip: '010.0.0.1', hostnames: ['db'] }]; s.dnsConfig = { nameservers: ['::ffff:0a00:0001'] }; });
    expect(rule.check(obj, PATH, { k8sVersion: '1.35' })).toEqual([]);
    expect(rule.check(obj, PATH, { k8sVersion: '1.36' })).toHaveLength(2);
  });

  test('never throws on garbage', () => {
    for (const spec of [null, 5, 'x', [], { dnsConfig: 'x', hostAliases: [null, 5], schedulingGates: [null], resourceClaims: [7] }]) {
      expect(() => run(rule, { kind: 'Pod', spec })).not.toThrow();
    }
  });
});
