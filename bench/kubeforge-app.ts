/**
 * Bench workload with kubeforge: N microservices, each a Deployment (app + proxy sidecar), a ClusterIP
 * Service, an HPA, a ConfigMap and a PVC (5 objects). Layout `single`: one Chart holding every service;
 * `per-service`: one Chart per service. Usage: node build/bench/kubeforge-app.js <N> <layout> <outdir>
 */
import { Construct } from 'constructs';
import { App, Chart, ConfigMap, Deployment, PersistentVolumeClaim, Probe } from '../lib';
import { runBenchApp } from './report';

export function addMicroservice(scope: Construct, i: number): void {
  const config = new ConfigMap(scope, 'config', {
    data: { LOG_LEVEL: 'info', FEATURE_FLAGS: 'search,checkout', UPSTREAM_URL: `http://svc-${i}-backend:8080` },
  });
  const data = new PersistentVolumeClaim(scope, 'data', { storage: '1Gi', accessModes: ['ReadWriteOnce'] });
  const deployment = new Deployment(scope, 'deployment');
  const app = deployment.addContainer({
    name: 'app',
    image: `registry.example.com/svc-${i}:1.0.0`,
    ports: [{ containerPort: 8080, name: 'http' }],
    env: { APP_LOG_LEVEL: config.env('LOG_LEVEL') },
    envFrom: [config.envFrom()],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    readinessProbe: Probe.httpGet('/healthz', { port: 8080 }),
    livenessProbe: Probe.httpGet('/healthz', { port: 8080 }),
  });
  app.mount('/data', data);
  deployment.addContainer({
    name: 'proxy',
    image: 'registry.example.com/proxy:2.1',
    ports: [{ containerPort: 9090 }],
    resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
    readinessProbe: false, // the policy would add a TCP probe; cdk8s-plus adds none
  });
  deployment.exposeViaService({ ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
  deployment.autoscale({ minReplicas: 1, maxReplicas: 5, cpuUtilization: 70 });
}

if (require.main === module) {
  // The security context cdk8s-plus hard-codes, set once through kubeforge's policy, so both tools write the same
  // container settings (and the run-as-root lint has nothing to say about either).
  const defaults = {
    securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true },
  };
  runBenchApp((outdir) => new App({ outdir, defaults }), (app, id) => new Chart(app, id), addMicroservice);
}
