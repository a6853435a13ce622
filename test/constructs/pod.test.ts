import {
  ConfigMap, EnvValue, LABEL_INSTANCE, Lifecycle, LABEL_NAME, LABEL_VERSION, LABEL_WORKLOAD, Pod, Probe, Secret, Volume,
} from '../../lib';
import { containerOf, expectKubeforgeError, expectSynthError, newChart, oneOfKind, podSpecOf, render } from './util';

describe('Pod', () => {
  describe('containers', () => {
    test('renders image, command, args and workingDir, and derives the name from the image', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'tool', {
        containers: [{ image: 'registry.example.com:5000/team/my_app:1.0', command: ['/bin/app'], args: ['--port', '8080'], workingDir: '/srv' }],
      });
      const pod = oneOfKind(app, 'Pod');
      expect(pod.apiVersion).toBe('v1');
      expect(podSpecOf(pod).containers).toHaveLength(1);
      const c = containerOf(pod);
      expect(c.name).toBe('my-app');
      expect(c.image).toBe('registry.example.com:5000/team/my_app:1.0');
      expect(c.command).toEqual(['/bin/app']);
      expect(c.args).toEqual(['--port', '8080']);
      expect(c.workingDir).toBe('/srv');
    });

    test('addContainer() appends containers in order; an explicit name wins over the derived one', () => {
      const { app, chart } = newChart();
      const pod = new Pod(chart, 'tool', { containers: [{ image: 'nginx:1.27' }] });
      const sidecar = pod.addContainer({ image: 'busybox:1.36', name: 'sidecar' });
      expect(sidecar.name).toBe('sidecar');
      expect(pod.containers.map((c) => c.name)).toEqual(['nginx', 'sidecar']);
      expect(podSpecOf(oneOfKind(app, 'Pod')).containers.map((c: any) => c.name)).toEqual(['nginx', 'sidecar']);
    });

    test('init containers render under initContainers, before the app containers', () => {
      const { app, chart } = newChart();
      const pod = new Pod(chart, 'tool', {
        initContainers: [{ image: 'busybox:1.36', name: 'wait', command: ['sh', '-c', 'sleep 1'] }],
        containers: [{ image: 'nginx:1.27' }],
      });
      pod.addInitContainer({ image: 'busybox:1.36', name: 'migrate' });
      const spec = podSpecOf(oneOfKind(app, 'Pod'));
      expect(spec.initContainers.map((c: any) => c.name)).toEqual(['wait', 'migrate']);
      expect(spec.initContainers[0].command).toEqual(['sh', '-c', 'sleep 1']);
      expect(spec.containers.map((c: any) => c.name)).toEqual(['nginx']);
    });

    test('two containers with the same name are rejected, naming the pod path and the name', () => {
      const { chart } = newChart();
      const pod = new Pod(chart, 'tool', { containers: [{ image: 'nginx:1.27' }] });
      expectKubeforgeError(() => pod.addContainer({ image: 'nginx:1.26' }), 'test/tool', '"nginx"');
      expectKubeforgeError(() => pod.addInitContainer({ image: 'busybox:1', name: 'nginx' }), 'test/tool', '"nginx"');
    });

    test('a pod without containers fails synth with its path', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'empty');
      expectSynthError(app, 'test/empty', 'no containers');
    });

    test('imagePullPolicy: the container value wins over the policy; unset when neither sets it', () => {
      const { app, chart } = newChart({ defaults: { imagePullPolicy: 'IfNotPresent' } });
      new Pod(chart, 'a', { containers: [{ image: 'nginx:1.27' }, { image: 'redis:7', imagePullPolicy: 'Always' }] });
      const pod = oneOfKind(app, 'Pod');
      expect(containerOf(pod, 'nginx').imagePullPolicy).toBe('IfNotPresent');
      expect(containerOf(pod, 'redis').imagePullPolicy).toBe('Always');

      const plain = newChart();
      new Pod(plain.chart, 'b', { containers: [{ image: 'nginx:1.27' }] });
      expect(containerOf(oneOfKind(plain.app, 'Pod'))).not.toHaveProperty('imagePullPolicy');
    });

    test('lifecycle, stdin and tty are rendered', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'tool', {
        containers: [{ image: 'nginx:1.27', lifecycle: { preStop: Lifecycle.exec(['sleep', '5']) }, stdin: true, tty: true }],
      });
      const c = containerOf(oneOfKind(app, 'Pod'));
      expect(c.lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '5'] } } });
      expect(c.stdin).toBe(true);
      expect(c.tty).toBe(true);
    });
  });

  describe('env', () => {
    test('literal values, ConfigMap and Secret keys, field and resource references', () => {
      const { app, chart } = newChart();
      const cm = new ConfigMap(chart, 'config', { data: { LOG_LEVEL: 'info' } });
      const secret = new Secret(chart, 'creds', { stringData: { password: 'hunter2' } });
      new Pod(chart, 'app', {
        containers: [{
          image: 'nginx:1.27',
          env: {
            MODE: 'production',
            LOG_LEVEL: cm.env('LOG_LEVEL'),
            PASSWORD: secret.env('password'),
            POD_NAME: EnvValue.fromFieldRef('metadata.name'),
            MEM_LIMIT: EnvValue.fromResource('limits.memory', 'nginx', '1Mi'),
          },
        }],
      });
      const env = containerOf(oneOfKind(app, 'Pod')).env;
      expect(env).toEqual([
        { name: 'MODE', value: 'production' },
        { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: cm.name, key: 'LOG_LEVEL' } } },
        { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: secret.name, key: 'password' } } },
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'MEM_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', containerName: 'nginx', divisor: '1Mi' } } },
      ]);
    });

    test('addEnv() replaces a variable of the same name instead of duplicating it', () => {
      const { app, chart } = newChart();
      const pod = new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27', env: { A: '1' } }] });
      pod.containers[0].addEnv('A', '2');
      pod.containers[0].addEnv('B', '3');
      expect(containerOf(oneOfKind(app, 'Pod')).env).toEqual([{ name: 'A', value: '2' }, { name: 'B', value: '3' }]);
    });

    test('envFrom: a ConfigMap with a prefix and a Secret without one', () => {
      const { app, chart } = newChart();
      const cm = new ConfigMap(chart, 'config', { data: { A: '1' } });
      const secret = new Secret(chart, 'creds', { stringData: { B: '2' } });
      const pod = new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27', envFrom: [cm.envFrom('CFG_')] }] });
      pod.containers[0].addEnvFrom(secret.envFrom());
      expect(containerOf(oneOfKind(app, 'Pod')).envFrom).toEqual([
        { prefix: 'CFG_', configMapRef: { name: cm.name } },
        { secretRef: { name: secret.name } },
      ]);
    });

    test('invalid variable names and non-string values are rejected with the container path', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Pod(chart, 'a', { containers: [{ image: 'nginx:1.27', env: { 'BAD NAME': 'x' } }] }), 'test/a', '"BAD NAME"');
      expectKubeforgeError(() => new Pod(chart, 'b', { containers: [{ image: 'nginx:1.27', env: { PORT: 8080 as any } }] }), 'test/b', 'PORT', '8080');
    });
  });

  describe('ports', () => {
    test('the port shorthand and full port specs render as containerPort entries', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'dns', {
        containers: [{
          image: 'coredns:1.11',
          port: 8080,
          ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp', protocol: 'TCP', hostPort: 1053 }],
        }],
      });
      expect(containerOf(oneOfKind(app, 'Pod')).ports).toEqual([
        { containerPort: 8080 },
        { containerPort: 53, name: 'dns', protocol: 'UDP' },
        { containerPort: 53, name: 'dns-tcp', protocol: 'TCP', hostPort: 1053 },
      ]);
    });

    test('duplicate port/protocol pairs and duplicate or invalid port names are rejected', () => {
      const { chart } = newChart();
      const pod = new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }] }] });
      const c = pod.containers[0];
      expectKubeforgeError(() => c.addPort({ containerPort: 80 }), 'test/app', '80');
      expectKubeforgeError(() => c.addPort({ containerPort: 81, name: 'http' }), 'test/app', '"http"');
      expectKubeforgeError(() => c.addPort({ containerPort: 82, name: 'this-name-is-far-too-long' }), 'test/app', '"this-name-is-far-too-long"');
      // Same number on another protocol is a different port.
      c.addPort({ containerPort: 80, protocol: 'UDP', name: 'quic' });
      expect(c.portList).toHaveLength(2);
    });
  });

  describe('probes', () => {
    test('httpGet on a named port with scheme, headers and timing', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'app', {
        containers: [{
          image: 'nginx:1.27',
          ports: [{ containerPort: 8080, name: 'http' }],
          livenessProbe: Probe.httpGet('/healthz', {
            port: 'http', scheme: 'HTTPS', httpHeaders: [{ name: 'X-Probe', value: '1' }], initialDelaySeconds: 5, periodSeconds: 15, failureThreshold: 4,
          }),
        }],
      });
      expect(containerOf(oneOfKind(app, 'Pod')).livenessProbe).toEqual({
        httpGet: { path: '/healthz', scheme: 'HTTPS', httpHeaders: [{ name: 'X-Probe', value: '1' }], port: 'http' },
        initialDelaySeconds: 5,
        periodSeconds: 15,
        failureThreshold: 4,
      });
    });

    test('httpGet and tcpSocket default to the first container port', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'app', {
        containers: [{
          image: 'nginx:1.27',
          ports: [{ containerPort: 8080 }, { containerPort: 9090 }],
          livenessProbe: Probe.httpGet('/live'),
          startupProbe: Probe.tcpSocket({ failureThreshold: 30 }),
        }],
      });
      const c = containerOf(oneOfKind(app, 'Pod'));
      expect(c.livenessProbe).toEqual({ httpGet: { path: '/live', port: 8080 } });
      expect(c.startupProbe).toEqual({ tcpSocket: { port: 8080 }, failureThreshold: 30 });
    });

    test('tcpSocket on a named port, exec, and grpc with a service', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'app', {
        containers: [{
          image: 'server:1.0',
          ports: [{ containerPort: 5432, name: 'pg' }, { containerPort: 9000, name: 'grpc' }],
          readinessProbe: Probe.tcpSocket({ port: 'pg' }),
          livenessProbe: Probe.exec(['pg_isready', '-h', '127.0.0.1'], { timeoutSeconds: 3 }),
          startupProbe: Probe.grpc(9000, { service: 'health', periodSeconds: 2 }),
        }],
      });
      const c = containerOf(oneOfKind(app, 'Pod'));
      expect(c.readinessProbe).toEqual({ tcpSocket: { port: 'pg' } });
      expect(c.livenessProbe).toEqual({ exec: { command: ['pg_isready', '-h', '127.0.0.1'] }, timeoutSeconds: 3 });
      expect(c.startupProbe).toEqual({ grpc: { port: 9000, service: 'health' }, periodSeconds: 2 });
    });

    test('the policy adds a TCP readiness probe on the first port; false disables it; no port, no probe', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'app', {
        containers: [
          { image: 'nginx:1.27', ports: [{ containerPort: 80 }, { containerPort: 443 }] },
          { image: 'envoy:1.30', port: 9901, readinessProbe: false },
          { image: 'busybox:1.36' },
        ],
      });
      const pod = oneOfKind(app, 'Pod');
      expect(containerOf(pod, 'nginx').readinessProbe).toEqual({ tcpSocket: { port: 80 } });
      expect(containerOf(pod, 'envoy')).not.toHaveProperty('readinessProbe');
      expect(containerOf(pod, 'busybox')).not.toHaveProperty('readinessProbe');
      expect(containerOf(pod, 'nginx')).not.toHaveProperty('livenessProbe');
    });

    test('policy probes: timing is copied, type none turns the default off', () => {
      const withTiming = newChart({}, { defaults: { probes: { readiness: { type: 'tcp', periodSeconds: 5 }, liveness: { type: 'tcp', initialDelaySeconds: 20 } } } });
      new Pod(withTiming.chart, 'app', { containers: [{ image: 'nginx:1.27', port: 80 }] });
      const c = containerOf(oneOfKind(withTiming.app, 'Pod'));
      expect(c.readinessProbe).toEqual({ tcpSocket: { port: 80 }, periodSeconds: 5 });
      expect(c.livenessProbe).toEqual({ tcpSocket: { port: 80 }, initialDelaySeconds: 20 });

      const none = newChart({ defaults: { probes: { readiness: { type: 'none' } } } });
      new Pod(none.chart, 'app', { containers: [{ image: 'nginx:1.27', port: 80 }] });
      expect(containerOf(oneOfKind(none.app, 'Pod'))).not.toHaveProperty('readinessProbe');
    });

    test('a probe on a port name the container does not declare fails synth, naming the container and the port', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }], livenessProbe: Probe.httpGet('/', { port: 'metrics' }) }] });
      expectSynthError(app, 'test/app', 'container "nginx"', '"metrics"');
    });

    test('invalid probe timing and ports are rejected at construction with the container path', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Pod(chart, 'a', { containers: [{ image: 'nginx:1.27', livenessProbe: Probe.httpGet('/', { periodSeconds: 0 }) }] }), 'test/a', 'periodSeconds', '0');
      expectKubeforgeError(() => new Pod(chart, 'b', { containers: [{ image: 'nginx:1.27', livenessProbe: Probe.exec(['true'], { initialDelaySeconds: 1.5 }) }] }), 'test/b', 'initialDelaySeconds', '1.5');
      expectKubeforgeError(() => new Pod(chart, 'c', { containers: [{ image: 'nginx:1.27', readinessProbe: Probe.tcpSocket({ port: 70000 }) }] }), 'test/c', '70000');
      expectKubeforgeError(() => new Pod(chart, 'd', { containers: [{ image: 'nginx:1.27', readinessProbe: Probe.tcpSocket({ port: 'Not_A_Port' }) }] }), 'test/d', '"Not_A_Port"');
    });

    // BUG (reported): a user-given probe that needs a port is silently dropped when the container declares none.
    test('an httpGet probe without a port on a container without ports is reported, not silently dropped', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'tool', { containers: [{ image: 'busybox:1.36', livenessProbe: Probe.httpGet('/healthz') }] });
      expectSynthError(app, 'test/tool', 'container "busybox"', 'probe');
    });
  });

  describe('resources', () => {
    test('the policy resources apply to containers that set none', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27' }] });
      expect(containerOf(oneOfKind(app, 'Pod')).resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' } });
    });

    test('a container\'s own resources replace the policy\'s entirely; {} means none', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'app', {
        containers: [
          { image: 'nginx:1.27', resources: { requests: { cpu: '250m' }, limits: { memory: '1Gi' } } },
          { image: 'busybox:1.36', resources: {} },
        ],
      });
      const pod = oneOfKind(app, 'Pod');
      expect(containerOf(pod, 'nginx').resources).toEqual({ requests: { cpu: '250m' }, limits: { memory: '1Gi' } });
      expect(containerOf(pod, 'busybox')).not.toHaveProperty('resources');
    });

    test('app and chart policies set the default resources (chart over app)', () => {
      const { app, chart } = newChart({ defaults: { resources: { requests: { cpu: '1', memory: '2Gi' } } } }, { defaults: { resources: { requests: { cpu: '10m' } } } });
      new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27' }] });
      expect(containerOf(oneOfKind(app, 'Pod')).resources).toEqual({ requests: { cpu: '1', memory: '2Gi' } });
    });

    test('a request above its limit is rejected with the container path and both values', () => {
      const { chart } = newChart();
      expectKubeforgeError(
        () => new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27', resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } }] }),
        'test/app', 'requests.memory', '"2Gi"', '"1Gi"',
      );
    });
  });

  describe('securityContext', () => {
    test('the container security context is merged over the policy\'s', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'app', {
        containers: [
          { image: 'nginx:1.27' },
          { image: 'app:1.0', securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true } },
          { image: 'debug:1.0', securityContext: { allowPrivilegeEscalation: true } },
        ],
      });
      const pod = oneOfKind(app, 'Pod');
      expect(containerOf(pod, 'nginx').securityContext).toEqual({ allowPrivilegeEscalation: false });
      expect(containerOf(pod, 'app').securityContext).toEqual({ allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true });
      expect(containerOf(pod, 'debug').securityContext).toEqual({ allowPrivilegeEscalation: true });
    });

    test('the pod security context is merged over the policy\'s podSecurityContext', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'app', { securityContext: { fsGroup: 2000, runAsUser: 1000 }, containers: [{ image: 'nginx:1.27' }] });
      expect(podSpecOf(oneOfKind(app, 'Pod')).securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' }, fsGroup: 2000, runAsUser: 1000 });
    });

    test('an app policy securityContext replaces the library default and still merges with the container\'s', () => {
      const { app, chart } = newChart({}, { defaults: { securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } } } });
      new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27', securityContext: { runAsUser: 101 } }] });
      expect(containerOf(oneOfKind(app, 'Pod')).securityContext).toEqual({ runAsNonRoot: true, capabilities: { drop: ['ALL'] }, runAsUser: 101 });
    });
  });

  describe('volumes and pod-level settings', () => {
    test('volumes given as props or addVolume() render under spec.volumes', () => {
      const { app, chart } = newChart();
      const cm = new ConfigMap(chart, 'config', { data: { 'a.conf': 'x' } });
      const pod = new Pod(chart, 'app', { volumes: [Volume.fromEmptyDir('scratch', { medium: 'Memory', sizeLimit: '64Mi' })], containers: [{ image: 'nginx:1.27' }] });
      pod.addVolume(Volume.fromConfigMap(cm, { name: 'conf' }));
      expect(podSpecOf(oneOfKind(app, 'Pod')).volumes).toEqual([
        { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
        { name: 'conf', configMap: { name: cm.name } },
      ]);
    });

    test('a second, different volume with an existing name is rejected', () => {
      const { chart } = newChart();
      const pod = new Pod(chart, 'app', { volumes: [Volume.fromEmptyDir('data')], containers: [{ image: 'nginx:1.27' }] });
      expectKubeforgeError(() => pod.addVolume(Volume.fromEmptyDir('data', { medium: 'Memory' })), 'test/app', '"data"');
    });

    test('restartPolicy, service account, node selector, pull secrets and other pod settings', () => {
      const { app, chart } = newChart();
      const pull = new Secret(chart, 'pull', { type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{}' } });
      new Pod(chart, 'job', {
        restartPolicy: 'Never',
        serviceAccountName: 'runner',
        automountServiceAccountToken: false,
        terminationGracePeriodSeconds: 5,
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        imagePullSecrets: [pull],
        dnsPolicy: 'ClusterFirst',
        enableServiceLinks: false,
        hostname: 'worker',
        containers: [{ image: 'busybox:1.36' }],
      });
      const spec = podSpecOf(oneOfKind(app, 'Pod'));
      expect(spec).toMatchObject({
        restartPolicy: 'Never',
        serviceAccountName: 'runner',
        automountServiceAccountToken: false,
        terminationGracePeriodSeconds: 5,
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        imagePullSecrets: [{ name: pull.name }],
        dnsPolicy: 'ClusterFirst',
        enableServiceLinks: false,
        hostname: 'worker',
      });
    });

    test('restartPolicy is omitted unless given, and only Always/OnFailure/Never are accepted', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27' }] });
      expect(podSpecOf(oneOfKind(app, 'Pod'))).not.toHaveProperty('restartPolicy');
      expectKubeforgeError(() => new Pod(chart, 'bad', { restartPolicy: 'Sometimes' as any, containers: [{ image: 'nginx:1.27' }] }), 'test/bad', '"Sometimes"');
    });

    test('automountServiceAccountToken falls back to the policy', () => {
      const { app, chart } = newChart({}, { defaults: { automountServiceAccountToken: false } });
      new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27' }] });
      expect(podSpecOf(oneOfKind(app, 'Pod')).automountServiceAccountToken).toBe(false);
    });
  });

  describe('labels', () => {
    test('pod labels include the selector labels, the version from the image tag and user labels', () => {
      const { app, chart } = newChart();
      const pod = new Pod(chart, 'web', { labels: { tier: 'frontend' }, containers: [{ image: 'nginx:1.27-alpine' }] });
      const labels = oneOfKind(app, 'Pod').metadata.labels;
      expect(labels).toMatchObject(pod.selectorLabels);
      expect(pod.selectorLabels).toEqual({ [LABEL_NAME]: 'web', [LABEL_INSTANCE]: 'test-web', [LABEL_WORKLOAD]: pod.name });
      expect(labels.tier).toBe('frontend');
      expect(labels[LABEL_VERSION]).toBe('1.27-alpine');
      expect(labels['app.kubernetes.io/managed-by']).toBe('kubeforge');
    });

    test('podLabels are added, but cannot override the selector labels; podAnnotations are added', () => {
      const { app, chart } = newChart();
      const pod = new Pod(chart, 'web', {
        podLabels: { track: 'canary', [LABEL_NAME]: 'impostor' },
        podAnnotations: { 'prometheus.io/scrape': 'true' },
        containers: [{ image: 'nginx:1.27' }],
      });
      const md = oneOfKind(app, 'Pod').metadata;
      expect(md.labels.track).toBe('canary');
      expect(md.labels[LABEL_NAME]).toBe('web');
      expect(md.labels).toMatchObject(pod.selectorLabels);
      expect(md.annotations).toEqual({ 'prometheus.io/scrape': 'true' });
    });

    test('two pods in one chart get distinct workload selector labels', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'a', { containers: [{ image: 'nginx:1.27' }] });
      new Pod(chart, 'b', { containers: [{ image: 'nginx:1.27' }] });
      const [a, b] = render(app).filter((o) => o.kind === 'Pod');
      expect(a.metadata.labels[LABEL_WORKLOAD]).toBe(a.metadata.name);
      expect(b.metadata.labels[LABEL_WORKLOAD]).toBe(b.metadata.name);
      expect(a.metadata.labels[LABEL_WORKLOAD]).not.toBe(b.metadata.labels[LABEL_WORKLOAD]);
    });
  });

  // BUG (reported): Kubernetes rejects probes on init containers (without restartPolicy Always); the policy's
  // default TCP readiness probe must not be added to an init container that declares a port.
  test('init containers do not get the policy\'s default readiness probe', () => {
    const { app, chart } = newChart();
    new Pod(chart, 'app', { initContainers: [{ image: 'busybox:1.36', name: 'init', port: 9000 }], containers: [{ image: 'nginx:1.27' }] });
    expect(podSpecOf(oneOfKind(app, 'Pod')).initContainers[0]).not.toHaveProperty('readinessProbe');
  });
});
