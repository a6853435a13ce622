import { Deployment, Namespace, Pod, PodDisruptionBudget } from '../../lib';
import { expectKubeforgeError, expectSynthError, newChart, oneOfKind, render } from './util';

const nginx = { image: 'nginx:1.27', ports: [{ containerPort: 80 }] };

describe('PodDisruptionBudget', () => {
  test('the selector is the target\'s own selector; maxUnavailable and the eviction policy are emitted', () => {
    const { app, chart } = newChart();
    const web = new Deployment(chart, 'web', { replicas: 3, containers: [nginx] });
    new PodDisruptionBudget(chart, 'pdb', { target: web, maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    const pdb = oneOfKind(app, 'PodDisruptionBudget');
    const dep = oneOfKind(app, 'Deployment');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: dep.spec.selector, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    expect(dep.spec.template.metadata.labels).toMatchObject(pdb.spec.selector.matchLabels);
  });

  test('minAvailable as a percentage; no eviction policy unless set', () => {
    const { app, chart } = newChart();
    new PodDisruptionBudget(chart, 'pdb', { target: new Deployment(chart, 'web', { containers: [nginx] }), minAvailable: '50%' });
    const spec = oneOfKind(app, 'PodDisruptionBudget').spec;
    expect(spec.minAvailable).toBe('50%');
    expect(spec).not.toHaveProperty('unhealthyPodEvictionPolicy');
    expect(spec).not.toHaveProperty('maxUnavailable');
  });

  test('exactly one of minAvailable and maxUnavailable, valid values only', () => {
    const { chart } = newChart();
    const web = new Deployment(chart, 'web', { containers: [nginx] });
    expectKubeforgeError(() => new PodDisruptionBudget(chart, 'a', { target: web }), 'test/a', 'exactly one');
    expectKubeforgeError(() => new PodDisruptionBudget(chart, 'b', { target: web, minAvailable: 1, maxUnavailable: 1 }), 'test/b', 'exactly one');
    expectKubeforgeError(() => new PodDisruptionBudget(chart, 'c', { target: web, maxUnavailable: '120%' }), 'test/c', '"120%"');
    expectKubeforgeError(() => new PodDisruptionBudget(chart, 'd', { target: web, minAvailable: -1 }), 'test/d', '-1');
    expectKubeforgeError(() => new PodDisruptionBudget(chart, 'e', { target: web, maxUnavailable: 1, unhealthyPodEvictionPolicy: 'Never' as never }), 'test/e', '"Never"');
    expectKubeforgeError(() => new PodDisruptionBudget(chart, 'f', { target: undefined as never, maxUnavailable: 1 }), 'test/f', 'target');
  });

  test('budgets that can never allow an eviction are rejected', () => {
    const { chart } = newChart();
    const web = new Deployment(chart, 'web', { containers: [nginx] });
    expectKubeforgeError(() => new PodDisruptionBudget(chart, 'a', { target: web, maxUnavailable: 0 }), 'test/a', 'never allows', '0');
    expectKubeforgeError(() => new PodDisruptionBudget(chart, 'b', { target: web, maxUnavailable: '0%' }), 'test/b', 'never allows');
    expectKubeforgeError(() => new PodDisruptionBudget(chart, 'c', { target: web, minAvailable: '100%' }), 'test/c', 'never allows', '"100%"');
  });

  test('minAvailable at or above fixed replicas (a Pod counts one) is a synth error; an autoscaled target is not checked', () => {
    const { app, chart } = newChart();
    new PodDisruptionBudget(chart, 'fixed', { target: new Deployment(chart, 'web', { replicas: 2, containers: [nginx] }), minAvailable: 2 });
    new PodDisruptionBudget(chart, 'single', { target: new Pod(chart, 'pod', { containers: [nginx] }), minAvailable: 1 });
    expectSynthError(app, 'test/fixed', 'minAvailable 2', '2 replica(s)');
    expectSynthError(app, 'test/single', 'minAvailable 1');

    const ok = newChart();
    const scaled = new Deployment(ok.chart, 'web', { replicas: 2, containers: [{ ...nginx, resources: { requests: { cpu: '100m', memory: '64Mi' } } }] });
    scaled.autoscale({ maxReplicas: 5, minReplicas: 3, cpuUtilization: 60 });
    new PodDisruptionBudget(ok.chart, 'pdb', { target: scaled, minAvailable: 2 });
    expect(render(ok.app).map((o) => o.kind)).toContain('PodDisruptionBudget');
  });

  test('a target in another namespace is a synth error', () => {
    const { app, chart } = newChart();
    const web = new Deployment(chart, 'web', { namespace: new Namespace(chart, 'a'), containers: [nginx] });
    new PodDisruptionBudget(chart, 'pdb', { target: web, maxUnavailable: 1, namespace: new Namespace(chart, 'b') });
    expectSynthError(app, 'test/pdb', 'protects the pods of');
  });
});
