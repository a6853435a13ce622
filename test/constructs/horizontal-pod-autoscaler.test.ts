import { Construct } from 'constructs';
import { ContainerProps, Deployment, HorizontalPodAutoscaler, Metric } from '../../lib';
import { errorMessages, expectKubeforgeError, expectSynthError, newChart, oneOfKind } from './util';

const withRequests: ContainerProps = { image: 'app:1.0', port: 8080, resources: { requests: { cpu: '250m', memory: '256Mi' } } };

function setup(container: ContainerProps = withRequests, chartProps: Parameters<typeof newChart>[0] = {}) {
  const { app, chart } = newChart(chartProps);
  const web = new Deployment(chart, 'web', { replicas: 3, containers: [container] });
  return { app, chart, web };
}

describe('HorizontalPodAutoscaler', () => {
  test('autoscaling/v2 with scaleTargetRef, min/max and a CPU utilization target; the Deployment omits replicas', () => {
    const { app, chart, web } = setup();
    const hpa = new HorizontalPodAutoscaler(chart, 'hpa', { target: web, minReplicas: 2, maxReplicas: 8, cpuUtilization: 70 });
    expect(hpa.target).toBe(web);
    expect(web.isAutoscaled).toBe(true);
    const obj = oneOfKind(app, 'HorizontalPodAutoscaler');
    expect(obj.apiVersion).toBe('autoscaling/v2');
    expect(obj.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: web.name },
      minReplicas: 2,
      maxReplicas: 8,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
    expect(oneOfKind(app, 'Deployment').spec).not.toHaveProperty('replicas');
  });

  test('default: minReplicas 1 and 80% CPU utilization when no metric is given', () => {
    const { app, chart, web } = setup();
    const hpa = new HorizontalPodAutoscaler(chart, 'hpa', { target: web, maxReplicas: 5 });
    expect(hpa.metrics).toHaveLength(1);
    const spec = oneOfKind(app, 'HorizontalPodAutoscaler').spec;
    expect(spec.minReplicas).toBe(1);
    expect(spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  });

  test('memory utilization and average values; shorthands come before explicit metrics', () => {
    const { app, chart, web } = setup();
    new HorizontalPodAutoscaler(chart, 'hpa', {
      target: web,
      maxReplicas: 5,
      memoryUtilization: 75,
      cpuUtilization: 50,
      metrics: [Metric.cpuAverageValue('500m'), Metric.memoryAverageValue('400Mi'), Metric.resource('ephemeral-storage', { type: 'AverageValue', averageValue: '1Gi' })],
    });
    expect(oneOfKind(app, 'HorizontalPodAutoscaler').spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 75 } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '500m' } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '400Mi' } } },
      { type: 'Resource', resource: { name: 'ephemeral-storage', target: { type: 'AverageValue', averageValue: '1Gi' } } },
    ]);
  });

  test('pods, object and external metrics', () => {
    const { app, chart, web } = setup();
    new HorizontalPodAutoscaler(chart, 'hpa', {
      target: web,
      maxReplicas: 20,
      metrics: [
        Metric.pods({ name: 'http_requests_per_second' }, '100'),
        Metric.object({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' }, { name: 'requests-per-second' }, { type: 'Value', value: '10k' }),
        Metric.external({ name: 'queue_messages_ready', selector: { matchLabels: { queue: 'jobs' } } }, { type: 'AverageValue', averageValue: 30 }),
      ],
    });
    expect(oneOfKind(app, 'HorizontalPodAutoscaler').spec.metrics).toEqual([
      { type: 'Pods', pods: { metric: { name: 'http_requests_per_second' }, target: { type: 'AverageValue', averageValue: '100' } } },
      {
        type: 'Object',
        object: {
          describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' },
          metric: { name: 'requests-per-second' },
          target: { type: 'Value', value: '10k' },
        },
      },
      { type: 'External', external: { metric: { name: 'queue_messages_ready', selector: { matchLabels: { queue: 'jobs' } } }, target: { type: 'AverageValue', averageValue: 30 } } },
    ]);
  });

  test('behavior is rendered as given', () => {
    const { app, chart, web } = setup();
    const behavior = {
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max' as const, policies: [{ type: 'Pods' as const, value: 4, periodSeconds: 15 }, { type: 'Percent' as const, value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent' as const, value: 10, periodSeconds: 60 }], tolerance: '0.05' as const },
    };
    new HorizontalPodAutoscaler(chart, 'hpa', { target: web, maxReplicas: 10, behavior });
    expect(oneOfKind(app, 'HorizontalPodAutoscaler').spec.behavior).toEqual(behavior);
  });

  test('no behavior field unless given', () => {
    const { app, chart, web } = setup();
    new HorizontalPodAutoscaler(chart, 'hpa', { target: web, maxReplicas: 10 });
    expect(oneOfKind(app, 'HorizontalPodAutoscaler').spec).not.toHaveProperty('behavior');
  });

  test('the HPA is ordered after the Deployment it scales and is in the same namespace', () => {
    const { app, chart } = newChart({ namespace: 'prod' });
    // Tree order puts the HPA (under "scaling", created first) before the Deployment; kind order wins.
    const scaling = new Construct(chart, 'scaling');
    const web = new Deployment(chart, 'web', { containers: [withRequests] });
    new HorizontalPodAutoscaler(scaling, 'hpa', { target: web, maxReplicas: 10 });
    const kinds = app.synthesize({ validate: true }).charts[0].objects.map((o) => o.json.kind);
    expect(kinds).toEqual(['Deployment', 'HorizontalPodAutoscaler']);
    expect(oneOfKind(app, 'HorizontalPodAutoscaler').metadata.namespace).toBe('prod');
  });

  describe('bad input', () => {
    test('minReplicas > maxReplicas throws with the path and both values', () => {
      const { chart, web } = setup();
      expectKubeforgeError(() => new HorizontalPodAutoscaler(chart, 'hpa', { target: web, minReplicas: 5, maxReplicas: 2 }), 'test/hpa', '"minReplicas":5', '"maxReplicas":2');
      expect(web.isAutoscaled).toBe(false);
    });

    test('minReplicas 0, maxReplicas 0 and fractional replicas are rejected', () => {
      const { chart, web } = setup();
      expectKubeforgeError(() => new HorizontalPodAutoscaler(chart, 'a', { target: web, minReplicas: 0, maxReplicas: 2 }), 'test/a', 'minReplicas', '0');
      expectKubeforgeError(() => new HorizontalPodAutoscaler(chart, 'b', { target: web, maxReplicas: 0 }), 'test/b', 'maxReplicas', '0');
      expectKubeforgeError(() => new HorizontalPodAutoscaler(chart, 'c', { target: web, maxReplicas: 2.5 }), 'test/c', 'maxReplicas', '2.5');
    });

    test('a missing target is rejected', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new HorizontalPodAutoscaler(chart, 'hpa', { target: undefined as any, maxReplicas: 2 }), 'test/hpa', 'target');
    });

    test('invalid metric targets are rejected with the path and value', () => {
      const { chart, web } = setup();
      expectKubeforgeError(() => new HorizontalPodAutoscaler(chart, 'a', { target: web, maxReplicas: 2, cpuUtilization: 0 }), 'test/a', 'cpu averageUtilization', '0');
      expectKubeforgeError(() => new HorizontalPodAutoscaler(chart, 'b', { target: web, maxReplicas: 2, metrics: [Metric.memoryAverageValue('500MB' as any)] }), 'test/b', '"500MB"', '"500Mi"');
      expectKubeforgeError(
        () => new HorizontalPodAutoscaler(chart, 'c', { target: web, maxReplicas: 2, metrics: [Metric.external({ name: 'q' }, { type: 'Utilization', averageUtilization: 50 })] }),
        'test/c', 'Utilization',
      );
      expectKubeforgeError(() => new HorizontalPodAutoscaler(chart, 'd', { target: web, maxReplicas: 2, metrics: [Metric.pods({ name: 'rps' }, 0)] }), 'test/d', 'averageValue', '0');
    });

    test('invalid behavior is rejected with the field and value', () => {
      const { chart, web } = setup();
      expectKubeforgeError(
        () => new HorizontalPodAutoscaler(chart, 'a', { target: web, maxReplicas: 2, behavior: { scaleDown: { stabilizationWindowSeconds: 3601 } } }),
        'test/a', 'behavior.scaleDown.stabilizationWindowSeconds', '3601',
      );
      expectKubeforgeError(
        () => new HorizontalPodAutoscaler(chart, 'b', { target: web, maxReplicas: 2, behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 1801 }] } } }),
        'test/b', 'periodSeconds', '1801',
      );
      expectKubeforgeError(
        () => new HorizontalPodAutoscaler(chart, 'c', { target: web, maxReplicas: 2, behavior: { scaleUp: { selectPolicy: 'Average' as any } } }),
        'test/c', '"Average"',
      );
    });

    test('a second HPA for the same workload is rejected, naming both', () => {
      const { chart, web } = setup();
      new HorizontalPodAutoscaler(chart, 'first', { target: web, maxReplicas: 3 });
      expectKubeforgeError(() => new HorizontalPodAutoscaler(chart, 'second', { target: web, maxReplicas: 3 }), 'test/second', 'test/first');
    });
  });

  describe('utilization needs requests', () => {
    test('CPU utilization on a container with resources: {} fails synth, naming the HPA path and the container', () => {
      const { app, web } = setup({ image: 'app:1.0', port: 8080, resources: {} });
      web.autoscale({ maxReplicas: 5, cpuUtilization: 60 });
      const [issue] = expectSynthError(app, 'test/web/autoscaler', 'test/web (container "app")', 'requests.cpu');
      expect(issue.constructPath).toBe('test/web/autoscaler');
    });

    test('the default metric (80% CPU) is checked too', () => {
      const { app, web } = setup({ image: 'app:1.0', port: 8080, resources: {} });
      web.autoscale({ maxReplicas: 5 });
      expectSynthError(app, 'test/web/autoscaler', 'container "app"', 'requests.cpu');
    });

    test('memory utilization with only CPU requests names memory; every container is checked', () => {
      const { app, chart } = newChart();
      const web = new Deployment(chart, 'web', {
        containers: [{ image: 'app:1.0', resources: { requests: { cpu: '100m', memory: '64Mi' } } }, { image: 'proxy:1.0', resources: { requests: { cpu: '50m' } } }],
      });
      web.autoscale({ maxReplicas: 5, memoryUtilization: 80 });
      const msgs = errorMessages(app).filter((m) => m.includes('test/web/autoscaler'));
      expect(msgs).toHaveLength(1);
      expect(msgs[0]).toContain('container "proxy"');
      expect(msgs[0]).toContain('requests.memory');
    });

    test('requests from the policy count; a policy without requests fails', () => {
      const ok = newChart({ defaults: { resources: { requests: { cpu: '100m' } } } });
      new Deployment(ok.chart, 'web', { containers: [{ image: 'app:1.0' }] }).autoscale({ maxReplicas: 3 });
      expect(errorMessages(ok.app)).toEqual([]);

      const bad = newChart({ defaults: { resources: {} } });
      new Deployment(bad.chart, 'web', { containers: [{ image: 'app:1.0' }] }).autoscale({ maxReplicas: 3 });
      expectSynthError(bad.app, 'test/web/autoscaler', 'container "app"');
    });

    // BUG (reported): the apiserver defaults a missing request to the container's limit (SetDefaults_Pod), so a
    // container with only limits.cpu has a CPU request and CPU utilization works; kubeforge rejects it.
    test('a limit without a request counts as the request (Kubernetes defaults requests to limits)', () => {
      const { app, web } = setup({ image: 'app:1.0', port: 8080, resources: { limits: { cpu: '500m', memory: '256Mi' } } });
      web.autoscale({ maxReplicas: 5, cpuUtilization: 60, memoryUtilization: 70 });
      expect(errorMessages(app)).toEqual([]);
    });

    test('average-value and non-resource metrics need no requests', () => {
      const { app, web } = setup({ image: 'app:1.0', port: 8080, resources: {} });
      web.autoscale({ maxReplicas: 5, metrics: [Metric.cpuAverageValue('500m'), Metric.pods({ name: 'rps' }, '10')] });
      expect(errorMessages(app)).toEqual([]);
    });
  });
});
