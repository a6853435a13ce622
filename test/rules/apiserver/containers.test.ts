import { containersRule as rule } from '../../../lib/rules/apiserver/containers';
import { Obj, broken, expectOne, fixtures, podOf, run } from './fixtures';

const inPod = (mutate: (spec: Obj) => void) => (base: Obj) => broken(base, (o) => void mutate(podOf(o)));
const pod = (mutate: (spec: Obj) => void) => inPod(mutate)(fixtures.pod());
const web = (mutate: (c: Obj) => void) => pod((s) => mutate(s.containers[0]));
const C = '/spec/containers/0';

describe('containers', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['a pod without containers', pod((s) => void (s.containers = [])), '/spec/containers', ['Pod "web" has no containers']],
    ['a Deployment without containers', inPod((s) => void delete s.containers)(fixtures.deployment()), '/spec/template/spec/containers', ['Deployment "web" has no containers']],
    ['a container without a name', web((c) => void delete c.name), `${C}/name`, ['container #0 has no name']],
    ['a container name with upper case', web((c) => void (c.name = 'Web')), `${C}/name`, ['"Web"', 'DNS-1123 label']],
    ['an init container named like a regular one', pod((s) => void (s.initContainers = [{ name: 'web', image: 'busybox:1' }])), '/spec/containers/0/name', ['"web" is used twice']],
    ['a container without an image', web((c) => void delete c.image), `${C}/image`, ['no valid image']],
    ['a Pod image with trailing whitespace', web((c) => void (c.image = 'nginx:1.27 ')), `${C}/image`, ['whitespace']],
    ['containerPort 0', web((c) => void (c.ports[0].containerPort = 0)), `${C}/ports/0/containerPort`, ['containerPort 0', '1 to 65535']],
    ['containerPort 70000', web((c) => void (c.ports[0].containerPort = 70000)), `${C}/ports/0/containerPort`, ['70000']],
    ['a port name over 15 characters', web((c) => void (c.ports[0].name = 'http-port-number-1')), `${C}/ports/0/name`, ['"http-port-number-1"', '1-15']],
    ['a port name of digits only', web((c) => void (c.ports[0].name = '8080')), `${C}/ports/0/name`, ['contain a letter']],
    ['a port name with "--"', web((c) => void (c.ports[0].name = 'my--port')), `${C}/ports/0/name`, ['"my--port"']],
    ['two ports with the same name', web((c) => void c.ports.push({ containerPort: 8443, name: 'http' })), `${C}/ports/1/name`, ['"http" is used twice']],
    ['protocol tcp in lower case', web((c) => void (c.ports[0].protocol = 'tcp')), `${C}/ports/0/protocol`, ['"tcp"', 'TCP, UDP, SCTP']],
    ['hostPort 70000', web((c) => void (c.ports[0].hostPort = 70000)), `${C}/ports/0/hostPort`, ['hostPort 70000']],
    ['two containers on the same hostPort', pod((s) => {
      s.containers[0].ports[0].hostPort = 80;
      s.containers.push({ name: 'sidecar', image: 'envoy:1', ports: [{ containerPort: 9000, hostPort: 80 }] });
    }), '/spec/containers/1/ports/0/hostPort', ['hostPort 80/TCP is used by two ports']],
    ['hostNetwork with a hostPort unlike the containerPort', pod((s) => { s.hostNetwork = true; s.containers[0].ports[0].hostPort = 80; }), `${C}/ports/0/hostPort`, ['must equal containerPort 8080']],
    ['an env name with "="', web((c) => void (c.env = [{ name: 'A=B', value: '1' }])), `${C}/env/0/name`, ['"A=B"']],
    ['an env entry with value and valueFrom', web((c) => void (c.env = [{ name: 'A', value: '1', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }])), `${C}/env/0/value`, ['both value and valueFrom']],
    ['valueFrom with two sources', web((c) => void (c.env = [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' }, secretKeyRef: { name: 's', key: 'k' } } }])), `${C}/env/0/valueFrom`, ['configMapKeyRef and secretKeyRef']],
    ['envFrom without a source', web((c) => void (c.envFrom = [{ prefix: 'CFG_' }])), `${C}/envFrom/0`, ['no source']],
    ['an unknown container restartPolicy', web((c) => void (c.restartPolicy = 'Sometimes')), `${C}/restartPolicy`, ['"Sometimes"', 'Always, OnFailure, Never']],
    ['restartPolicyRules without restartPolicy', web((c) => void (c.restartPolicyRules = [{ action: 'Restart', exitCodes: { operator: 'In', values: [42] } }])), `${C}/restartPolicy`, ['no restartPolicy']],
    ['a restart rule without exitCodes', web((c) => { c.restartPolicy = 'Never'; c.restartPolicyRules = [{ action: 'Restart' }]; }), `${C}/restartPolicyRules/0/exitCodes`, ['no exitCodes']],
    ['a restart rule with an unknown operator', web((c) => { c.restartPolicy = 'Never'; c.restartPolicyRules = [{ action: 'Restart', exitCodes: { operator: 'Equals', values: [1] } }] }), `${C}/restartPolicyRules/0/exitCodes/operator`, ['"Equals"']],
    ['ephemeral containers in a pod template', inPod((s) => void (s.ephemeralContainers = [{ name: 'debug', image: 'busybox:1' }]))(fixtures.deployment()), '/spec/template/spec/ephemeralContainers', ['not allowed in a pod template']],
    ['ephemeral containers in a Pod on create', pod((s) => void (s.ephemeralContainers = [{ name: 'debug', image: 'busybox:1' }])), '/spec/ephemeralContainers', ['cannot be set when a Pod is created']],
    ['an env fieldRef to an unsupported field', web((c) => void (c.env = [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.hostname' } } }])), `${C}/env/0/valueFrom/fieldRef/fieldPath`, ['"spec.hostname"']],
    ['an env fieldRef to all labels', web((c) => void (c.env = [{ name: 'L', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } }])), `${C}/env/0/valueFrom/fieldRef/fieldPath`, ['not supported']],
    ['an env fieldRef with a bad label key', web((c) => void (c.env = [{ name: 'L', valueFrom: { fieldRef: { fieldPath: "metadata.labels['bad key']" } } }])), `${C}/env/0/valueFrom/fieldRef/fieldPath`, ['"bad key"']],
    ['an env resourceFieldRef to an unknown resource', web((c) => void (c.env = [{ name: 'M', valueFrom: { resourceFieldRef: { resource: 'limits.gpu' } } }])), `${C}/env/0/valueFrom/resourceFieldRef/resource`, ['"limits.gpu"']],
    ['a cpu divisor of 1Mi', web((c) => void (c.env = [{ name: 'M', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1Mi' } } }])), `${C}/env/0/valueFrom/resourceFieldRef/divisor`, ['1m, 1']],
    ['a secretKeyRef without a key', web((c) => void (c.env = [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db' } } }])), `${C}/env/0/valueFrom/secretKeyRef/key`, ['key is required']],
    ['an optional secretKeyRef without a name', web((c) => void (c.env = [{ name: 'P', valueFrom: { secretKeyRef: { key: 'password', optional: true } } }])), `${C}/env/0/valueFrom/secretKeyRef/name`, ['has no name']],
    ['a fieldRef with apiVersion v2', web((c) => void (c.env = [{ name: 'P', valueFrom: { fieldRef: { apiVersion: 'v2', fieldPath: 'metadata.name' } } }])), `${C}/env/0/valueFrom/fieldRef/apiVersion`, ['"v2"']],
    ['a configMapKeyRef with a bad key', web((c) => void (c.env = [{ name: 'P', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'a/b' } } }])), `${C}/env/0/valueFrom/configMapKeyRef/key`, ['"a/b"']],
    ['imagePullPolicy in lower case', web((c) => void (c.imagePullPolicy = 'always')), `${C}/imagePullPolicy`, ['"always"']],
    ['an unknown terminationMessagePolicy', web((c) => void (c.terminationMessagePolicy = 'Logs')), `${C}/terminationMessagePolicy`, ['"Logs"']],
    ['a resizePolicy for storage', web((c) => void (c.resizePolicy = [{ resourceName: 'ephemeral-storage', restartPolicy: 'NotRequired' }])), `${C}/resizePolicy/0/resourceName`, ['cpu, memory']],
    ['resizePolicy RestartContainer with pod restartPolicy Never', pod((s) => { s.restartPolicy = 'Never'; s.containers[0].resizePolicy = [{ resourceName: 'memory', restartPolicy: 'RestartContainer' }]; }), `${C}/resizePolicy/0/restartPolicy`, ['Never']],
    ['a container that is not an object', pod((s) => void s.containers.push('nginx')), '/spec/containers/1', ['must be an object']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['a sidecar init container (restartPolicy Always)', pod((s) => void (s.initContainers = [{ name: 'proxy', image: 'envoy:1', restartPolicy: 'Always' }]))],
    ['env names the relaxed rule allows (1.32+)', web((c) => void (c.env = [{ name: '1st.var-name', value: 'x' }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }]))],
    ['hostNetwork with an unset hostPort in a template', inPod((s) => void (s.hostNetwork = true))(fixtures.deployment())],
    ['the same hostPort on TCP and UDP', pod((s) => void (s.containers[0].ports = [{ containerPort: 53, hostPort: 53 }, { containerPort: 53, hostPort: 53, protocol: 'UDP', name: 'dns-udp' }]))],
    ['a template image with surrounding spaces (tolerated outside Pods)', inPod((s) => void (s.containers[0].image = ' nginx:1.27'))(fixtures.deployment())],
    ['container restart policies and rules (1.35+)', pod((s) => {
      s.containers[0].restartPolicy = 'Never';
      s.containers[0].restartPolicyRules = [{ action: 'Restart', exitCodes: { operator: 'In', values: [42] } }];
      s.initContainers = [{ name: 'init', image: 'busybox:1', restartPolicy: 'OnFailure' }];
    })],
    ['env sources the server accepts', web((c) => void (c.env = [
      { name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['Example.com/Team']" } } },
      { name: 'B', valueFrom: { fieldRef: { fieldPath: 'status.hostIPs' } } },
      { name: 'C', valueFrom: { resourceFieldRef: { containerName: 'web', resource: 'requests.hugepages-2Mi', divisor: '1Mi' } } },
      { name: 'D', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
      { name: 'E', valueFrom: { secretKeyRef: { name: 'db', key: 'pass.word_1' } } },
    ]))],
    ['valid policies', web((c) => { c.imagePullPolicy = 'IfNotPresent'; c.terminationMessagePolicy = 'FallbackToLogsOnError'; c.resizePolicy = [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }, { resourceName: 'memory', restartPolicy: 'RestartContainer' }]; })],
    ['hostNetwork with an unset hostPort in a Pod (defaulted)', pod((s) => void (s.hostNetwork = true))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('env names follow the target version (strict before 1.32)', () => {
    const obj = web((c) => void (c.env = [{ name: '1st', value: 'x' }]));
    expect(rule.check(obj, 'test/obj', { k8sVersion: '1.37' })).toEqual([]);
    expect(rule.check(obj, 'test/obj', { k8sVersion: '1.31' }).map((i) => i.jsonPointer)).toEqual([`${C}/env/0/name`]);
  });

  test('container restart policies follow the target version', () => {
    const regular = web((c) => void (c.restartPolicy = 'Never'));
    const init = pod((s) => void (s.initContainers = [{ name: 'init', image: 'busybox:1', restartPolicy: 'Never' }]));
    for (const obj of [regular, init]) {
      expect(rule.check(obj, 'test/obj', { k8sVersion: '1.33' })).toHaveLength(1);
      expect(rule.check(obj, 'test/obj', { k8sVersion: '1.34' })).toEqual([]);
      expect(rule.check(obj, 'test/obj', { k8sVersion: '1.35' })).toEqual([]);
    }
    const sidecarRules = pod((s) => void (s.initContainers = [{ name: 'proxy', image: 'envoy:1', restartPolicy: 'Always', restartPolicyRules: [{ action: 'RestartAllContainers', exitCodes: { operator: 'In', values: [1] } }] }]));
    expect(rule.check(sidecarRules, 'test/obj', { k8sVersion: '1.35' })).toHaveLength(1);
    expect(rule.check(sidecarRules, 'test/obj', { k8sVersion: '1.36' })).toEqual([]);
  });

  test('fileKeyRef counts as a source from 1.35', () => {
    const obj = web((c) => void (c.env = [{ name: 'F', valueFrom: { fileKeyRef: { volumeName: 'config', path: 'env', key: 'F' } } }]));
    expect(rule.check(obj, 'test/obj', { k8sVersion: '1.35' })).toEqual([]);
    expect(rule.check(obj, 'test/obj', { k8sVersion: '1.34' })).toHaveLength(1);
  });
});
