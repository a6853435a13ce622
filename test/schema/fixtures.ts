/** Correct objects the schema tests start from; each test breaks one thing in a copy. */

export const labels = { 'app.kubernetes.io/name': 'web' };

export function deployment(): Record<string, any> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'nginx:1.27',
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: 8080 }],
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
            },
          ],
        },
      },
    },
  };
}

export function service(): Record<string, any> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { selector: labels, ports: [{ port: 80, targetPort: 'http' }] },
  };
}

export function secret(): Record<string, any> {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: 'cGFzc3dvcmQ=' } };
}

export function hpa(): Record<string, any> {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    },
  };
}

export function clone<T>(o: T): T {
  return JSON.parse(JSON.stringify(o));
}
