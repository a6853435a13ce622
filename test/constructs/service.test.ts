import { App, Chart, Deployment, Pod, Service } from '../../lib';
import { errorMessages, expectKubeforgeError, expectSynthError, newChart, oneOfKind, render, TEST_OUTDIR } from './util';

const web = { image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 9090, name: 'metrics' }] };

describe('Service', () => {
  describe('types', () => {
    test('ClusterIP is the default and renders no type', () => {
      const { app, chart } = newChart();
      const d = new Deployment(chart, 'web', { containers: [web] });
      const svc = new Service(chart, 'svc', { selector: d, ports: [{ port: 80, targetPort: 'http' }] });
      expect(svc.type).toBe('ClusterIP');
      const obj = oneOfKind(app, 'Service');
      expect(obj.apiVersion).toBe('v1');
      expect(obj.spec).toEqual({ selector: d.selectorLabels, ports: [{ port: 80, targetPort: 'http' }] });
    });

    test('NodePort with a nodePort in range', () => {
      const { app, chart } = newChart();
      new Service(chart, 'svc', { type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }], externalTrafficPolicy: 'Local' });
      const spec = oneOfKind(app, 'Service').spec;
      expect(spec.type).toBe('NodePort');
      expect(spec.ports).toEqual([{ port: 80, targetPort: 8080, nodePort: 30080 }]);
      expect(spec.externalTrafficPolicy).toBe('Local');
    });

    test('nodePort range bounds: 30000 and 32767 accepted, 29999 and 32768 rejected with path and value', () => {
      const { chart } = newChart();
      const svc = new Service(chart, 'svc', { type: 'NodePort' });
      svc.addPort({ port: 80, name: 'a', nodePort: 30000 });
      svc.addPort({ port: 81, name: 'b', nodePort: 32767 });
      expectKubeforgeError(() => svc.addPort({ port: 82, name: 'c', nodePort: 29999 }), 'test/svc', '29999', '30000-32767');
      expectKubeforgeError(() => svc.addPort({ port: 83, name: 'd', nodePort: 32768 }), 'test/svc', '32768');
    });

    test('nodePort on a ClusterIP Service is rejected', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Service(chart, 'svc', { ports: [{ port: 80, nodePort: 30080 }] }), 'test/svc', '30080', 'ClusterIP');
    });

    test('LoadBalancer with source ranges, class and a nodePort', () => {
      const { app, chart } = newChart();
      new Service(chart, 'lb', {
        type: 'LoadBalancer',
        ports: [{ port: 443, targetPort: 8443, nodePort: 31443 }],
        loadBalancerSourceRanges: ['10.0.0.0/8', '192.168.1.0/24'],
        loadBalancerClass: 'service.k8s.aws/nlb',
      });
      const spec = oneOfKind(app, 'Service').spec;
      expect(spec).toEqual({
        type: 'LoadBalancer',
        ports: [{ port: 443, targetPort: 8443, nodePort: 31443 }],
        loadBalancerSourceRanges: ['10.0.0.0/8', '192.168.1.0/24'],
        loadBalancerClass: 'service.k8s.aws/nlb',
      });
    });

    test('LoadBalancer-only settings are rejected on other types; source ranges must be CIDRs', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Service(chart, 'a', { ports: [{ port: 80 }], loadBalancerSourceRanges: ['10.0.0.0/8'] }), 'test/a', 'loadBalancerSourceRanges');
      expectKubeforgeError(() => new Service(chart, 'b', { type: 'LoadBalancer', ports: [{ port: 80 }], loadBalancerSourceRanges: ['10.0.0.1'] }), 'test/b', '"10.0.0.1"');
      expectKubeforgeError(() => new Service(chart, 'c', { ports: [{ port: 80 }], externalTrafficPolicy: 'Local' }), 'test/c', '"Local"');
    });

    test('headless: clusterIP None, ports optional', () => {
      const { app, chart } = newChart();
      const d = new Deployment(chart, 'db', { containers: [{ image: 'postgres:16', ports: [{ containerPort: 5432, name: 'pg' }] }] });
      new Service(chart, 'peers', { headless: true, selector: d, publishNotReadyAddresses: true });
      const spec = oneOfKind(app, 'Service').spec;
      expect(spec.clusterIP).toBe('None');
      expect(spec).not.toHaveProperty('type');
      expect(spec).not.toHaveProperty('ports');
      expect(spec.selector).toEqual(d.selectorLabels);
      expect(spec.publishNotReadyAddresses).toBe(true);
    });

    test('headless requires ClusterIP', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Service(chart, 'svc', { type: 'NodePort', headless: true, ports: [{ port: 80 }] }), 'test/svc', '"NodePort"');
    });

    test('ExternalName: externalName, no selector, no ports needed', () => {
      const { app, chart } = newChart();
      new Service(chart, 'db', { type: 'ExternalName', externalName: 'db.example.com' });
      const spec = oneOfKind(app, 'Service').spec;
      expect(spec).toEqual({ type: 'ExternalName', externalName: 'db.example.com' });
    });

    test('ExternalName misuse is rejected with path and value', () => {
      const { chart } = newChart();
      const d = new Deployment(chart, 'web', { containers: [web] });
      expectKubeforgeError(() => new Service(chart, 'a', { type: 'ExternalName' }), 'test/a', 'externalName');
      expectKubeforgeError(() => new Service(chart, 'b', { type: 'ExternalName', externalName: 'not a host' }), 'test/b', '"not a host"');
      expectKubeforgeError(() => new Service(chart, 'c', { type: 'ExternalName', externalName: 'db.example.com', selector: d }), 'test/c', 'test/web');
      expectKubeforgeError(() => new Service(chart, 'd', { externalName: 'db.example.com', ports: [{ port: 80 }] }), 'test/d', '"db.example.com"');
      const ext = new Service(chart, 'e', { type: 'ExternalName', externalName: 'db.example.com' });
      expectKubeforgeError(() => ext.select(d), 'test/e', 'test/web');
    });

    test('an unknown type is rejected', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Service(chart, 'svc', { type: 'Ingress' as any, ports: [{ port: 80 }] }), 'test/svc', '"Ingress"');
    });
  });

  describe('ports', () => {
    test('named ports, protocol and appProtocol; targetPort defaults to port', () => {
      const { app, chart } = newChart();
      new Service(chart, 'dns', {
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, protocol: 'TCP' },
          { name: 'web', port: 80, targetPort: 8080, appProtocol: 'http' },
        ],
      });
      expect(oneOfKind(app, 'Service').spec.ports).toEqual([
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
        { name: 'web', port: 80, targetPort: 8080, appProtocol: 'http' },
      ]);
    });

    test('several ports without names fail synth, once per unnamed port', () => {
      const { app, chart } = newChart();
      new Service(chart, 'svc', { ports: [{ port: 80 }, { port: 443 }, { name: 'admin', port: 8080 }] });
      const msgs = errorMessages(app).filter((m) => m.includes('test/svc') && m.includes('name'));
      expect(msgs).toHaveLength(2);
      expect(msgs.some((m) => m.includes('port 80 '))).toBe(true);
      expect(msgs.some((m) => m.includes('port 443 '))).toBe(true);
    });

    test('a single unnamed port is fine', () => {
      const { app, chart } = newChart();
      new Service(chart, 'svc', { ports: [{ port: 80 }] });
      expect(render(app)).toHaveLength(1);
    });

    test('duplicate port/protocol pairs and duplicate or invalid names are rejected', () => {
      const { chart } = newChart();
      const svc = new Service(chart, 'svc', { ports: [{ name: 'http', port: 80 }] });
      expectKubeforgeError(() => svc.addPort({ name: 'other', port: 80 }), 'test/svc', '80');
      expectKubeforgeError(() => svc.addPort({ name: 'http', port: 81 }), 'test/svc', '"http"');
      expectKubeforgeError(() => svc.addPort({ name: 'HTTP_2', port: 82 }), 'test/svc', '"HTTP_2"');
      expectKubeforgeError(() => svc.addPort({ name: 'x', port: 83, targetPort: 'bad_name' }), 'test/svc', '"bad_name"');
      expectKubeforgeError(() => svc.addPort({ name: 'y', port: 84, targetPort: 0 }), 'test/svc', 'targetPort', '0');
    });

    test('a Service without ports (not headless, not ExternalName) fails synth', () => {
      const { app, chart } = newChart();
      new Service(chart, 'svc');
      expectSynthError(app, 'test/svc', 'no ports');
    });
  });

  describe('selection', () => {
    test('a targetPort name no container declares fails synth, listing the declared names', () => {
      const { app, chart } = newChart();
      const d = new Deployment(chart, 'web', { containers: [web] });
      new Service(chart, 'svc', { selector: d, ports: [{ port: 80, targetPort: 'https' }] });
      expectSynthError(app, 'test/svc', '"https"', 'test/web', 'http, metrics');
    });

    test('a targetPort name declared by any container of the workload is accepted', () => {
      const { app, chart } = newChart();
      const d = new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27' }, { image: 'exporter:1.0', ports: [{ containerPort: 9100, name: 'metrics' }] }] });
      new Service(chart, 'svc', { selector: d, ports: [{ port: 9100, targetPort: 'metrics' }] });
      expect(render(app).find((o) => o.kind === 'Service')!.spec.ports).toEqual([{ port: 9100, targetPort: 'metrics' }]);
    });

    test('select() routes to a Pod by its selector labels', () => {
      const { app, chart } = newChart();
      const pod = new Pod(chart, 'tool', { containers: [{ image: 'nginx:1.27', port: 80 }] });
      const svc = new Service(chart, 'svc', { ports: [{ port: 80 }] });
      svc.select(pod);
      const objects = render(app);
      const svcObj = objects.find((o) => o.kind === 'Service')!;
      const podObj = objects.find((o) => o.kind === 'Pod')!;
      expect(svcObj.spec.selector).toEqual(pod.selectorLabels);
      expect(podObj.metadata.labels).toMatchObject(svcObj.spec.selector);
    });

    test('a Service without a selector renders none', () => {
      const { app, chart } = newChart();
      new Service(chart, 'svc', { ports: [{ port: 80 }] });
      expect(oneOfKind(app, 'Service').spec).not.toHaveProperty('selector');
    });
  });

  describe('other settings', () => {
    test('session affinity and internal traffic policy', () => {
      const { app, chart } = newChart();
      new Service(chart, 'svc', { ports: [{ port: 80 }], sessionAffinity: 'ClientIP', internalTrafficPolicy: 'Local' });
      expect(oneOfKind(app, 'Service').spec).toMatchObject({ sessionAffinity: 'ClientIP', internalTrafficPolicy: 'Local' });
    });

    test('dnsName includes the namespace when the chart has one', () => {
      const withNs = newChart({ namespace: 'prod' });
      const a = new Service(withNs.chart, 'svc', { ports: [{ port: 80 }] });
      expect(a.dnsName).toBe(`${a.name}.prod.svc`);
      expect(oneOfKind(withNs.app, 'Service').metadata.namespace).toBe('prod');
      const without = newChart();
      const b = new Service(without.chart, 'svc', { ports: [{ port: 80 }] });
      expect(b.dnsName).toBe(b.name);
    });

    test('generated names are valid DNS-1035 labels even when the path starts with a digit', () => {
      const app = new App({ outdir: TEST_OUTDIR });
      const chart = new Chart(app, '2048');
      const svc = new Service(chart, '9lives', { ports: [{ port: 80 }] });
      expect(svc.name).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
      expect(svc.name.length).toBeLessThanOrEqual(63);
      expect(render(app)[0].metadata.name).toBe(svc.name);
    });
  });
});
