/**
 * Configuration from a ConfigMap and a Secret: single keys as variables, a whole ConfigMap as prefixed
 * variables, and a config file mounted from the ConfigMap. Plus a client Pod in a `devops` Namespace that
 * calls the app through its Service's DNS name.
 */
import { Construct } from 'constructs';
import { Chart, ChartProps, ConfigMap, Deployment, Namespace, Pod, Secret, Service } from '../lib';

export class ConfigEnvChart extends Chart {
  public readonly config: ConfigMap;
  public readonly credentials: Secret;
  public readonly api: Deployment;
  public readonly service: Service;
  public readonly devops: Namespace;
  public readonly client: Pod;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'default', ...props });
    this.config = new ConfigMap(this, 'config', {
      data: {
        LOG_LEVEL: 'info',
        GREETING: 'hello from kubeforge',
        'app.properties': 'feature.search=true\nfeature.beta=false\n',
      },
    });
    this.credentials = new Secret(this, 'credentials', { stringData: { API_TOKEN: 'example-token-not-a-secret' } });

    this.api = new Deployment(this, 'api', { replicas: 2 });
    const api = this.api.addContainer({
      image: 'hashicorp/http-echo:1.0',
      args: ['-listen=:5678', '-text=$(GREETING)'],
      ports: [{ containerPort: 5678, name: 'http' }],
      env: {
        GREETING: this.config.env('GREETING'),
        LOG_LEVEL: this.config.env('LOG_LEVEL'),
        API_TOKEN: this.credentials.env('API_TOKEN'),
      },
      envFrom: [this.config.envFrom('CFG_')],
    });
    api.mount('/etc/app', this.config.asVolume({ items: { 'app.properties': 'app.properties' } }), { readOnly: true });
    this.service = this.api.exposeViaService({ ports: [{ name: 'http', port: 80, targetPort: 'http' }] });

    this.devops = new Namespace(this, 'devops', { name: 'devops' });
    this.client = new Pod(this, 'client', {
      namespace: this.devops,
      restartPolicy: 'Always',
      containers: [{
        image: 'busybox:1.36',
        command: ['sh', '-c', `while true; do wget -qO- http://${this.service.dnsName}/; sleep 10; done`],
      }],
    });
  }
}
