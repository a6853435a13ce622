/**
 * The app that examples/pulumi deploys: the web app (Deployment + LoadBalancer Service + HPA) and the MySQL/Redis
 * storage example (NFS PersistentVolumes, claims, Deployments, Services, a Secret), bound to environments.
 *
 * - `dev` is the local control plane (`npm run cluster:up`). Its API server URL comes from the file up.sh writes
 *   ($KUBEFORGE_CLUSTER_DIR/server), not from the kubeconfig, so the wrong-cluster guard really compares two
 *   sources: a KUBECONFIG that points anywhere else is refused.
 * - `prod` stands for a remote cluster, to show that refusal: deploying it with the local kubeconfig fails,
 *   naming both servers.
 *
 * Outside this repository, import from 'kubeforge' instead of '../../lib'.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps, Environment } from '../../lib';
import { DatabasesChart } from '../databases';
import { WebAppChart } from '../web-app';

export interface PulumiExampleProps extends AppProps {
  /** API server of the `dev` environment. @default - the local control plane's ($KUBEFORGE_CLUSTER_DIR/server) */
  readonly devServer?: string;
  /** NFS server of the storage example's PersistentVolumes. @default 'nfs.example.com' */
  readonly nfsServer?: string;
}

export class PulumiExampleApp extends App {
  public readonly web: WebAppChart;
  public readonly databases: DatabasesChart;

  constructor(props: PulumiExampleProps = {}) {
    super({
      // As in examples/main.ts: a memory limit for every container, and the public images run as root.
      defaults: { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } },
      rules: { 'run-as-root': 'off' },
      environments: [
        new Environment('dev', { cluster: { server: props.devServer ?? localControlPlaneServer() } }),
        // No context named: the kubeconfig's current-context must then point at the prod server, or nothing is sent.
        new Environment('prod', { cluster: { server: 'https://prod.k8s.example.com:6443' } }),
      ],
      ...props,
    });
    this.web = new WebAppChart(this, 'webapp');
    this.databases = new DatabasesChart(this, 'databases', { nfsServer: props.nfsServer });
  }
}

/** The URL scripts/cluster/up.sh recorded; a placeholder when no local cluster was started (synth still works). */
export function localControlPlaneServer(): string {
  const dir = process.env.KUBEFORGE_CLUSTER_DIR || path.join(process.env.TMPDIR || os.tmpdir(), 'kubeforge-cluster');
  try {
    return fs.readFileSync(path.join(dir, 'server'), 'utf8').trim();
  } catch {
    return 'https://127.0.0.1:6443';
  }
}

// `kubeforge synth|deploy --env dev` run this file (cdk8s.yaml next to it).
if (require.main === module) {
  new PulumiExampleApp().synth();
}
