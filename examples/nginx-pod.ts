/** A single nginx Pod with labels: the first object of every Kubernetes introduction. */
import { Construct } from 'constructs';
import { Chart, ChartProps, Pod } from '../lib';

export class NginxPodChart extends Chart {
  public readonly pod: Pod;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.pod = new Pod(this, 'nginx', {
      labels: { app: 'nginx', tier: 'frontend', environment: 'dev' },
      containers: [{ image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }] }],
    });
  }
}
