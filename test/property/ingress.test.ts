/**
 * Property tests for Ingress and IngressClass: random valid props synthesize with no error finding for the
 * target version; random invalid props throw KubeforgeError at construction or yield an error finding.
 */
import * as fc from 'fast-check';
import { App, Chart, Deployment, Ingress, IngressBackend, IngressClass, IngressClassProps, KubeforgeError, PathType, Secret, Service } from '../../lib';
import { TEST_OUTDIR } from '../constructs/util';
import { absolutePath, badHost, badPortName, badPortNumber, dnsLabel, FC, host, portName, portNumber } from './network-arbitraries';
import { buildIngress, classSpec, ingressSpec } from './network-apps';

/** Either a typed KubeforgeError at construction, or an error finding at synth: never silent output. */
function expectRejected(build: (chart: Chart) => void): void {
  const app = new App({ outdir: TEST_OUTDIR });
  const chart = new Chart(app, 'p', { namespace: 'shop' });
  try {
    build(chart);
  } catch (e) {
    expect(e).toBeInstanceOf(KubeforgeError);
    return;
  }
  expect(app.synthesize({ validate: true }).issues.filter((i) => i.severity === 'error').length).toBeGreaterThan(0);
}

function errorsOf(app: App): string[] {
  return app.synthesize({ validate: true }).issues.filter((i) => i.severity === 'error').map((i) => `${i.ruleId}: ${i.message}`);
}

describe('Ingress (property)', () => {
  test('random valid props synthesize with no error finding', () => {
    fc.assert(
      fc.property(ingressSpec, (s) => {
        expect(errorsOf(buildIngress(s))).toEqual([]);
      }),
      FC,
    );
  });

  const invalid = fc.oneof(
    badHost.map((h) => (c: Chart, svc: Service) => new Ingress(c, 'i').addRule(h, '/', IngressBackend.service(svc, 80))),
    badHost.map((h) => (c: Chart, svc: Service) => new Ingress(c, 'i', { defaultBackend: IngressBackend.service(svc, 80), tls: [{ hosts: [h] }] })),
    absolutePath.map((p) => (c: Chart, svc: Service) => new Ingress(c, 'i').addRule(undefined, p.slice(1) || 'x', IngressBackend.service(svc, 80))),
    fc.tuple(absolutePath, fc.constantFrom('//', '/./', '/../', '%2f', '%2F'), fc.constantFrom<PathType>('Prefix', 'Exact')).map(([p, bad, t]) => (c: Chart, svc: Service) => new Ingress(c, 'i').addRule(undefined, `${p}${bad}x`, IngressBackend.service(svc, 80), t)),
    badPortNumber.map((n) => (c: Chart, svc: Service) => new Ingress(c, 'i', { defaultBackend: IngressBackend.service(svc, n) })),
    badPortName.map((n) => (c: Chart, svc: Service) => new Ingress(c, 'i', { defaultBackend: IngressBackend.service(svc, n) })),
    // Valid port syntax, but not a port of the Service (which has only 80/"http").
    fc.oneof(portNumber.filter((n) => n !== 80), portName.filter((n) => n !== 'http')).map((p) => (c: Chart, svc: Service) => new Ingress(c, 'i', { defaultBackend: IngressBackend.service(svc, p) })),
    fc.string().filter((n) => !/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(n) || n.length > 63).map((n) => (c: Chart) => new Ingress(c, 'i', { defaultBackend: IngressBackend.serviceName(n, 80) })),
    fc.string({ minLength: 1 }).filter((n) => !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(n)).map((n) => (c: Chart, svc: Service) => new Ingress(c, 'i', { ingressClass: IngressClass.fromName(c, 'x', n), defaultBackend: IngressBackend.service(svc, 80) })),
    fc.constantFrom('tls.crt', 'tls.key').map((k) => (c: Chart, svc: Service) => new Ingress(c, 'i', { defaultBackend: IngressBackend.service(svc, 80), tls: [{ secret: new Secret(c, 's', { stringData: { [k]: 'x' } }) }] })),
    fc.constant((c: Chart) => new Ingress(c, 'i')),
  );

  test('random invalid props throw KubeforgeError or yield an error finding', () => {
    fc.assert(
      fc.property(invalid, (make) => {
        expectRejected((chart) => {
          const web = new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }] }] });
          make(chart, new Service(chart, 'svc', { selector: web, ports: [{ port: 80, name: 'http' }] }));
        });
      }),
      FC,
    );
  });
});

/** Not a DNS subdomain (an IP address is one, syntactically, so badHost's IPs are left out). */
const badDnsName = badHost.filter((h) => !/^[0-9.]+$/.test(h));

describe('IngressClass (property)', () => {
  test('random valid props synthesize with no error finding', () => {
    fc.assert(
      fc.property(classSpec, (s) => {
        const app = new App({ outdir: TEST_OUTDIR, k8sVersion: s.version });
        const chart = new Chart(app, 'p');
        const props: IngressClassProps = { controller: s.controller, isDefaultClass: s.isDefaultClass, parameters: s.parameters, labels: s.labels };
        new IngressClass(chart, 'cls', props);
        expect(errorsOf(app)).toEqual([]);
      }),
      FC,
    );
  });

  test('random invalid props throw KubeforgeError or yield an error finding', () => {
    const invalid = fc.oneof(
      host.map((h) => ({ controller: h })),
      badDnsName.map((h) => ({ controller: `${h}/x` })),
      host.map((h) => ({ controller: `${h}/` })),
      host.map((h) => ({ controller: `${h}/${'p'.repeat(250)}` })),
      fc.tuple(host, fc.constantFrom(' ', '"', '<', '>', '\\', '^', '`', '{', '|', '}', '#', '?')).map(([h, ch]) => ({ controller: `${h}/a${ch}b` })),
      dnsLabel.map((n) => ({ controller: 'k8s.io/x', parameters: { kind: 'K', name: n, scope: 'Namespace' as const } })),
      dnsLabel.map((n) => ({ controller: 'k8s.io/x', parameters: { kind: 'K', name: n, namespace: n } })),
      fc.constantFrom('a/b', '..', '%x', '').map((n) => ({ controller: 'k8s.io/x', parameters: { kind: 'K', name: n } })),
      badDnsName.map((g) => ({ controller: 'k8s.io/x', parameters: { kind: 'K', name: 'n', apiGroup: g } })),
    );
    fc.assert(fc.property(invalid, (props) => expectRejected((chart) => new IngressClass(chart, 'cls', props))), FC);
  });
});
