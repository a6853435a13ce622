/**
 * MySQL and Redis, each on its own NFS PersistentVolume (1Gi, ReadWriteOnce, Retain) with a claim bound to it
 * and mounted into its Deployment. Recreate, because a ReadWriteOnce volume cannot be shared by two pods
 * during a rolling update.
 */
import { Construct } from 'constructs';
import {
  Chart, ChartProps, Deployment, DeploymentStrategy, PersistentVolume, PersistentVolumeClaim,
  PersistentVolumeSource, Probe, Secret, Service,
} from '../lib';

export interface DatabasesChartProps extends ChartProps {
  /** @default 'nfs.example.com' */
  readonly nfsServer?: string;
}

export interface Database {
  readonly volume: PersistentVolume;
  readonly claim: PersistentVolumeClaim;
  readonly deployment: Deployment;
  readonly service: Service;
}

export class DatabasesChart extends Chart {
  public readonly mysql: Database;
  public readonly redis: Database;

  constructor(scope: Construct, id: string, props: DatabasesChartProps = {}) {
    super(scope, id, props);
    const server = props.nfsServer ?? 'nfs.example.com';

    const mysql = new Construct(this, 'mysql');
    const auth = new Secret(mysql, 'auth', { stringData: { 'root-password': 'change-me-before-production' } });
    this.mysql = this.database(mysql, server, '/exports/mysql', {
      image: 'mysql:8.4',
      ports: [{ containerPort: 3306, name: 'mysql' }],
      env: { MYSQL_ROOT_PASSWORD: auth.env('root-password') },
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
      livenessProbe: Probe.exec(['mysqladmin', 'ping', '-h', '127.0.0.1'], { initialDelaySeconds: 30, periodSeconds: 10 }),
    }, '/var/lib/mysql');

    const redis = new Construct(this, 'redis');
    this.redis = this.database(redis, server, '/exports/redis', {
      image: 'redis:7.4',
      args: ['--appendonly', 'yes'],
      ports: [{ containerPort: 6379, name: 'redis' }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    }, '/data');
  }

  private database(scope: Construct, server: string, path: string, container: ConstructorParameters<typeof Deployment>[2] extends infer P ? P extends { containers?: readonly (infer C)[] } ? C : never : never, mountPath: string): Database {
    const volume = new PersistentVolume(scope, 'volume', {
      source: PersistentVolumeSource.nfs({ server, path }),
      storage: '1Gi',
      accessModes: ['ReadWriteOnce'],
      reclaimPolicy: 'Retain',
    });
    const claim = new PersistentVolumeClaim(scope, 'data', { storage: '1Gi', accessModes: ['ReadWriteOnce'] });
    claim.bind(volume);
    const deployment = new Deployment(scope, 'server', { strategy: DeploymentStrategy.recreate(), containers: [container] });
    deployment.containers[0].mount(mountPath, claim);
    const service = deployment.exposeViaService();
    return { volume, claim, deployment, service };
  }
}
