import { DaemonSet, DaemonSetUpdateStrategy, Service } from '../../lib';
import { containerOf, expectKubeforgeError, newChart, oneOfKind, podSpecOf, render } from './util';

const agent = { image: 'fluent/fluent-bit:3.1', ports: [{ containerPort: 2020, name: 'metrics' }] };

describe('DaemonSet', () => {
  test('renders apps/v1 with a selector that matches the template labels, and no replicas', () => {
    const { app, chart } = newChart();
    new DaemonSet(chart, 'logs', { containers: [agent] });
    const ds = oneOfKind(app, 'DaemonSet');
    expect(ds.apiVersion).toBe('apps/v1');
    expect(ds.spec).not.toHaveProperty('replicas');
    for (const [k, v] of Object.entries(ds.spec.selector.matchLabels)) expect(ds.spec.template.metadata.labels[k]).toBe(v);
    expect(containerOf(ds).image).toBe('fluent/fluent-bit:3.1');
    expect(ds.spec).not.toHaveProperty('updateStrategy');
    expect(ds.spec).not.toHaveProperty('minReadySeconds');
  });

  test('pods get the policy defaults like any long-running workload (readiness probe, resources)', () => {
    const { app, chart } = newChart();
    new DaemonSet(chart, 'logs', { containers: [agent] });
    const c = containerOf(oneOfKind(app, 'DaemonSet'));
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 2020 } });
    expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' } });
  });

  test('RollingUpdate with maxUnavailable, with maxSurge (maxUnavailable 0), OnDelete', () => {
    const { app, chart } = newChart();
    new DaemonSet(chart, 'a', { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: '10%' }), containers: [agent] });
    new DaemonSet(chart, 'b', { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 0, maxSurge: 1 }), containers: [agent] });
    new DaemonSet(chart, 'c', { updateStrategy: DaemonSetUpdateStrategy.onDelete(), containers: [agent] });
    new DaemonSet(chart, 'd', { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate(), minReadySeconds: 10, revisionHistoryLimit: 3, containers: [agent] });
    const [a, b, c, d] = render(app).filter((o) => o.kind === 'DaemonSet');
    expect(a.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
    expect(b.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    expect(c.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(d.spec).toMatchObject({ updateStrategy: { type: 'RollingUpdate' }, minReadySeconds: 10, revisionHistoryLimit: 3 });
  });

  test('both bounds zero, or both non-zero (maxSurge with the default maxUnavailable 1), are rejected', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new DaemonSet(chart, 'a', { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: '0%' }), containers: [agent] }), 'test/a', 'both zero');
    expectKubeforgeError(() => new DaemonSet(chart, 'b', { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: 1 }), containers: [agent] }), 'test/b', 'only one of maxUnavailable and maxSurge', 'maxUnavailable: 0');
    expectKubeforgeError(() => new DaemonSet(chart, 'c', { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 2, maxSurge: '5%' }), containers: [agent] }), 'test/c', '"5%"');
  });

  test('invalid values are rejected with the path and value', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new DaemonSet(chart, 'a', { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: '101%' }), containers: [agent] }), 'test/a', 'maxUnavailable', '"101%"');
    expectKubeforgeError(() => new DaemonSet(chart, 'b', { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 1.5 }), containers: [agent] }), 'test/b', '1.5');
    expectKubeforgeError(() => new DaemonSet(chart, 'c', { minReadySeconds: -1, containers: [agent] }), 'test/c', 'minReadySeconds', '-1');
    expectKubeforgeError(() => new DaemonSet(chart, 'd', { revisionHistoryLimit: 0.5, containers: [agent] }), 'test/d', 'revisionHistoryLimit', '0.5');
    expectKubeforgeError(() => new DaemonSet(chart, 'e', { restartPolicy: 'OnFailure', containers: [agent] }), 'test/e', 'Always', '"OnFailure"');
  });

  test('a Service can select the DaemonSet\'s pods', () => {
    const { app, chart } = newChart();
    const ds = new DaemonSet(chart, 'logs', { containers: [agent] });
    new Service(chart, 'metrics', { selector: ds, ports: [{ port: 2020, targetPort: 'metrics' }] });
    const objs = render(app);
    const svc = objs.find((o) => o.kind === 'Service')!;
    const tmpl = objs.find((o) => o.kind === 'DaemonSet')!.spec.template;
    for (const [k, v] of Object.entries(svc.spec.selector)) expect(tmpl.metadata.labels[k]).toBe(v);
    expect(podSpecOf(objs.find((o) => o.kind === 'DaemonSet')!).containers).toHaveLength(1);
  });
});
