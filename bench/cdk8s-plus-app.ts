/**
 * The bench workload of kubeforge-app.ts with cdk8s-plus-33 on cdk8s, same layouts, same 5 objects per service.
 * Usage: node build/bench/cdk8s-plus-app.js <N> <single|per-service> <outdir>
 *
 * Differences cdk8s-plus forces (output shape only; objects and fields that matter are the same):
 * - Service targetPort is numeric (8080): kplus ServicePort has no named targetPort (kubeforge: "http").
 * - kplus writes its defaults out (imagePullPolicy, probe scheme/failureThreshold, HPA behavior, Deployment
 *   strategy, a stricter securityContext); kubeforge writes its policy's (seccomp, allowPrivilegeEscalation).
 * - Labels: kplus selects on `cdk8s.io/metadata.addr`; kubeforge adds the app.kubernetes.io set.
 */
import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { runBenchApp } from './report';

export function addMicroservice(scope: Construct, i: number): void {
  const config = new kplus.ConfigMap(scope, 'config', {
    data: { LOG_LEVEL: 'info', FEATURE_FLAGS: 'search,checkout', UPSTREAM_URL: `http://svc-${i}-backend:8080` },
  });
  const data = new kplus.PersistentVolumeClaim(scope, 'data', {
    storage: Size.gibibytes(1),
    accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
  });
  const deployment = new kplus.Deployment(scope, 'deployment');
  const app = deployment.addContainer({
    name: 'app',
    image: `registry.example.com/svc-${i}:1.0.0`,
    ports: [{ number: 8080, name: 'http' }],
    envVariables: { APP_LOG_LEVEL: kplus.EnvValue.fromConfigMap(config, 'LOG_LEVEL') },
    envFrom: [kplus.Env.fromConfigMap(config)],
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
      memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
    },
    readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }),
    liveness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }),
  });
  app.mount('/data', kplus.Volume.fromPersistentVolumeClaim(scope, 'data-volume', data));
  deployment.addContainer({
    name: 'proxy',
    image: 'registry.example.com/proxy:2.1',
    ports: [{ number: 9090 }],
    resources: {
      cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(200) },
      memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
    },
  });
  deployment.exposeViaService({ serviceType: kplus.ServiceType.CLUSTER_IP, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
  new kplus.HorizontalPodAutoscaler(scope, 'autoscaler', {
    target: deployment,
    minReplicas: 1,
    maxReplicas: 5,
    metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70))],
  });
}

if (require.main === module) {
  runBenchApp((outdir) => new App({ outdir }), (app, id) => new Chart(app, id), addMicroservice);
}
