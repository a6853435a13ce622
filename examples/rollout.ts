/**
 * Rollout strategies: the same web Deployment once with Recreate (all old pods stop before new ones start),
 * once with a RollingUpdate that never drops below the desired count. Changing `image` is a rolling image
 * update: only the image and the version label change; names and selectors stay, so nothing is replaced.
 */
import { Construct } from 'constructs';
import { Chart, ChartProps, Deployment, DeploymentStrategy } from '../lib';

export interface RolloutChartProps extends ChartProps {
  /** @default 'nginx:1.27' */
  readonly image?: string;
}

export class RolloutChart extends Chart {
  public readonly recreate: Deployment;
  public readonly rolling: Deployment;

  constructor(scope: Construct, id: string, props: RolloutChartProps = {}) {
    super(scope, id, props);
    const image = props.image ?? 'nginx:1.27';
    const container = { image, ports: [{ containerPort: 80, name: 'http' }] };
    this.recreate = new Deployment(this, 'recreate', {
      replicas: 3,
      strategy: DeploymentStrategy.recreate(),
      containers: [container],
    });
    this.rolling = new Deployment(this, 'rolling', {
      replicas: 3,
      strategy: DeploymentStrategy.rollingUpdate({ maxSurge: 1, maxUnavailable: 0 }),
      minReadySeconds: 5,
      revisionHistoryLimit: 5,
      containers: [container],
    });
  }
}
