/**
 * A web app: a Deployment of 3 replicas (requests 500m / 512Mi, a 512Mi memory limit, port 8080), a LoadBalancer Service on port 80
 * → 8080, and an HPA from 1 to 10 replicas at 50% CPU. Once autoscaled, the Deployment leaves `replicas` to
 * the HPA, so a re-apply never resets the scaled count.
 */
import { Construct } from 'constructs';
import { Chart, ChartProps, Deployment, HorizontalPodAutoscaler, Service } from '../lib';

export class WebAppChart extends Chart {
  public readonly deployment: Deployment;
  public readonly service: Service;
  public readonly autoscaler: HorizontalPodAutoscaler;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.deployment = new Deployment(this, 'web', {
      replicas: 3,
      containers: [
        {
          image: 'us-docker.pkg.dev/google-samples/containers/gke/hello-app:2.0',
          ports: [{ containerPort: 8080, name: 'http' }],
          resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '512Mi' } },
        },
      ],
    });
    this.service = this.deployment.exposeViaService({ type: 'LoadBalancer', ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    this.autoscaler = this.deployment.autoscale({ minReplicas: 1, maxReplicas: 10, cpuUtilization: 50 });
  }
}
