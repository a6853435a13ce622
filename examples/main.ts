/**
 * The bundled example app: every scenario as its own chart (one file each in dist/). `cdk8s.yaml` points
 * here, so `kubeforge synth` and `cdk8s synth` both run it.
 */
import { App, AppProps } from '../lib';
import { ConfigEnvChart } from './config-env';
import { DatabasesChart } from './databases';
import { NginxPodChart } from './nginx-pod';
import { PlatformChart } from './platform';
import { RolloutChart } from './rollout';
import { WebAppChart } from './web-app';

export function buildExampleApp(props: AppProps = {}): App {
  const app = new App({
    // Every container gets a memory limit from the app-wide policy (the library default sets requests only).
    defaults: { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } },
    // The public images used here (nginx, mysql, redis, busybox, http-echo) start as root.
    rules: { 'run-as-root': 'off' },
    ...props,
  });
  new NginxPodChart(app, 'nginx-pod');
  new WebAppChart(app, 'webapp');
  new RolloutChart(app, 'rollout');
  new DatabasesChart(app, 'databases');
  new ConfigEnvChart(app, 'config-env');
  new PlatformChart(app, 'platform');
  return app;
}

if (require.main === module) {
  buildExampleApp().synth();
}
