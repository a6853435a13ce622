import { coreObjectsRule as rule, finalizerProblem } from '../../../lib/rules/apiserver/core-objects';
import { Obj, expectOne, run } from './fixtures';

const ns = (finalizers: unknown[]): Obj => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, spec: { finalizers } });
const ep = (subsets: Obj[]): Obj => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db' }, subsets });
const address = { addresses: [{ ip: '10.1.2.3', hostname: 'db-0', nodeName: 'node-1.example' }] };
const rc = (selector: Obj | undefined, labels: Obj): Obj => ({
  apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'web' },
  spec: { replicas: 1, selector, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
});

describe('core-objects', () => {
  const cases: Array<[string, Obj, string, string[]]> = [
    ['an unqualified namespace finalizer', ns(['kubernetes', 'cleanup']), '/spec/finalizers/1', ['"cleanup"', 'domain prefix']],
    ['a namespace finalizer with a bad domain', ns(['Example.com/x']), '/spec/finalizers/0', ['"Example.com/x"']],
    ['a subset without addresses', ep([{ ports: [{ port: 80 }] }]), '/subsets/0', ['no addresses']],
    ['a loopback endpoint', ep([{ addresses: [{ ip: '127.0.0.1' }] }]), '/subsets/0/addresses/0/ip', ['loopback']],
    ['a link-local IPv6 endpoint among not-ready addresses', ep([{ notReadyAddresses: [{ ip: 'fe80::1' }] }]), '/subsets/0/notReadyAddresses/0/ip', ['link-local']],
    ['an endpoint that is not an IP', ep([{ addresses: [{ ip: 'db.local' }] }]), '/subsets/0/addresses/0/ip', ['not a valid IP']],
    ['an endpoint hostname with a dot', ep([{ addresses: [{ ip: '10.0.0.1', hostname: 'db.0' }] }]), '/subsets/0/addresses/0/hostname', ['"db.0"']],
    ['an unnamed port among two', ep([{ ...address, ports: [{ name: 'http', port: 80 }, { port: 443 }] }]), '/subsets/0/ports/1/name', ['more than one port']],
    ['an endpoint port protocol in lower case', ep([{ ...address, ports: [{ port: 80, protocol: 'tcp' }] }]), '/subsets/0/ports/0/protocol', ['"tcp"']],
    ['an endpoint appProtocol with a space', ep([{ ...address, ports: [{ port: 80, appProtocol: 'my proto' }] }]), '/subsets/0/ports/0/appProtocol', ['"my proto"']],
    ['an RC selector the template does not match', rc({ app: 'web' }, { app: 'api' }), '/spec/template/metadata/labels', ['does not match', 'app']],
    ['an RC without selector and template labels', rc(undefined, {}), '/spec/selector', ['no selector']],
  ];
  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['standard and qualified namespace finalizers', ns(['kubernetes', 'example.com/cleanup'])],
    ['valid endpoints with named ports', ep([{ ...address, notReadyAddresses: [{ ip: '2001:db8::5' }], ports: [{ name: 'http', port: 80, appProtocol: 'kubernetes.io/h2c' }, { name: 'https', port: 443, protocol: 'TCP' }] }])],
    ['an IPv4 endpoint with leading zeros (the legacy parser takes them)', ep([{ addresses: [{ ip: '010.001.002.003' }] }])],
    ['one unnamed port', ep([{ ...address, ports: [{ port: 80 }] }])],
    ['an RC whose selector defaults from the template', rc(undefined, { app: 'web' })],
    ['an RC whose selector is a subset of the template labels', rc({ app: 'web' }, { app: 'web', tier: 'front' })],
    ['garbage', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'x' }, subsets: [null, { addresses: 'x', notReadyAddresses: [{ ip: '10.0.0.1' }], ports: 'x' }] }],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('finalizer names: standard ones need no domain', () => {
    expect(finalizerProblem('orphan')).toBeUndefined();
    expect(finalizerProblem('foregroundDeletion')).toBeUndefined();
    expect(finalizerProblem('example.com/x')).toBeUndefined();
    expect(finalizerProblem('x')).toContain('domain');
  });
});
