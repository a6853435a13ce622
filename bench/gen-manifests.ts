/**
 * A large, realistic, valid multi-document manifest for timing `kubeforge validate`: a Namespace and a
 * StorageClass, then apps of five objects each (ConfigMap, PVC, Deployment, Service, HPA) that reference one
 * another the way real apps do, so cross-object rules have work to do and nothing to report.
 *
 * `node build/bench/gen-manifests.js [objects] > big.yaml` writes one (default 10,000 objects).
 */

const NS = 'bench';

function configMap(n: number): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-${n}-config
  namespace: ${NS}
  labels:
    app.kubernetes.io/name: app-${n}
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: "search,checkout"
`;
}

function claim(n: number): string {
  return `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: app-${n}-data
  namespace: ${NS}
  labels:
    app.kubernetes.io/name: app-${n}
spec:
  accessModes:
    - ReadWriteOnce
  storageClassName: standard
  resources:
    requests:
      storage: 1Gi
`;
}

function deployment(n: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${n}
  namespace: ${NS}
  labels:
    app.kubernetes.io/name: app-${n}
    app.kubernetes.io/part-of: bench
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: app-${n}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: app-${n}
        app.kubernetes.io/part-of: bench
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
      containers:
        - name: web
          image: registry.example.com/shop/web:1.${n % 40}.3
          ports:
            - name: http
              containerPort: 8080
          envFrom:
            - configMapRef:
                name: app-${n}-config
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 500m
              memory: 256Mi
          volumeMounts:
            - name: data
              mountPath: /var/lib/app
        - name: metrics
          image: registry.example.com/shop/metrics-sidecar:0.9.1
          args: ["--port=9090", "--path=/metrics"]
          ports:
            - name: metrics
              containerPort: 9090
          resources:
            requests:
              cpu: 10m
              memory: 32Mi
            limits:
              cpu: 50m
              memory: 64Mi
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: app-${n}-data
`;
}

function service(n: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: app-${n}
  namespace: ${NS}
  labels:
    app.kubernetes.io/name: app-${n}
spec:
  selector:
    app.kubernetes.io/name: app-${n}
  ports:
    - name: http
      port: 80
      targetPort: http
`;
}

function autoscaler(n: number): string {
  return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: app-${n}
  namespace: ${NS}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: app-${n}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`;
}

const HEADER = [
  `apiVersion: v1
kind: Namespace
metadata:
  name: ${NS}
`,
  `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer
`,
];

/** Per app, in dependency order, so that any prefix of the stream is still consistent. */
const APP = [configMap, claim, deployment, service, autoscaler];

/** Exactly `objects` documents, `---`-separated, deterministic. */
export function generateManifests(objects = 10_000): string {
  const docs: string[] = HEADER.slice(0, objects);
  for (let i = 0; docs.length < objects; i++) docs.push(APP[i % APP.length](Math.floor(i / APP.length)));
  return docs.join('---\n');
}

if (require.main === module) {
  const n = process.argv[2] === undefined ? 10_000 : Number(process.argv[2]);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`usage: gen-manifests [objects] (got ${JSON.stringify(process.argv[2])})\n`);
    process.exitCode = 2;
  } else process.stdout.write(generateManifests(n));
}
