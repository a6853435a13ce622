import { App, Chart, Deployment, Probe } from '../../lib';

function deploymentJson(app: App, chartProps: ConstructorParameters<typeof Chart>[2] = {}, containerExtra: Record<string, unknown> = {}) {
  const chart = new Chart(app, 'c', chartProps);
  new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', port: 8080, ...containerExtra }] });
  const objs = app.synthesize().charts[0].objects.map((o) => o.json);
  return objs.find((o) => o.kind === 'Deployment')!;
}

describe('defaults policy', () => {
  test('library defaults: requests, no limits, safe security context, TCP readiness probe, 1 replica', () => {
    const d = deploymentJson(new App());
    const c = d.spec.template.spec.containers[0];
    expect(d.spec.replicas).toBe(1);
    expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' } });
    expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false });
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 8080 } });
    expect(c.livenessProbe).toBeUndefined();
    expect(c.imagePullPolicy).toBeUndefined();
    expect(d.spec.template.spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
  });

  test('the app-wide policy changes every container', () => {
    const app = new App({
      defaults: {
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '256Mi' } },
        securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true },
        imagePullPolicy: 'IfNotPresent',
        probes: { readiness: { type: 'none' }, liveness: { type: 'tcp', periodSeconds: 20 } },
        labels: { team: 'payments' },
        replicas: 2,
      },
    });
    const d = deploymentJson(app);
    const c = d.spec.template.spec.containers[0];
    expect(d.spec.replicas).toBe(2);
    expect(c.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '256Mi' } });
    expect(c.securityContext).toEqual({ runAsNonRoot: true, readOnlyRootFilesystem: true });
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.readinessProbe).toBeUndefined();
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 8080 }, periodSeconds: 20 });
    expect(d.metadata.labels.team).toBe('payments');
    expect(d.spec.template.metadata.labels.team).toBe('payments');
  });

  test('a chart policy overrides the app policy for that chart only', () => {
    const app = new App({ defaults: { replicas: 2, labels: { team: 'a' } } });
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b', { defaults: { replicas: 5, labels: { tier: 'x' } } });
    new Deployment(a, 'web', { containers: [{ image: 'nginx:1.27' }] });
    new Deployment(b, 'web', { containers: [{ image: 'nginx:1.27' }] });
    const [ca, cb] = app.synthesize().charts;
    expect(ca.objects[0].json.spec.replicas).toBe(2);
    expect(cb.objects[0].json.spec.replicas).toBe(5);
    expect(cb.objects[0].json.metadata.labels).toMatchObject({ team: 'a', tier: 'x' });
  });

  test('container props win over the policy; securityContext merges', () => {
    const app = new App({ defaults: { securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true } } });
    const d = deploymentJson(app, {}, {
      resources: { requests: { cpu: '1' } },
      securityContext: { runAsNonRoot: false, runAsUser: 0 },
      readinessProbe: Probe.httpGet('/ready'),
    });
    const c = d.spec.template.spec.containers[0];
    expect(c.resources).toEqual({ requests: { cpu: '1' } });
    expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, runAsNonRoot: false, runAsUser: 0 });
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 8080 } });
  });

  test('readinessProbe: false turns the default off for one container', () => {
    const d = deploymentJson(new App(), {}, { readinessProbe: false });
    expect(d.spec.template.spec.containers[0].readinessProbe).toBeUndefined();
  });
});
