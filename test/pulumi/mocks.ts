/**
 * Pulumi mocks for the bridge tests. setMocks must run before any resource is created; each registration is
 * recorded with its type, name and inputs (as the engine would receive them, secrets still marked). The mock
 * fakes what the cluster would fill in: uid, a Service's clusterIP and load-balancer address, ready replicas.
 */
import * as pulumi from '@pulumi/pulumi';

export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
  readonly provider?: string;
  readonly id?: string;
  /** true for `Foo.get()` reads. */
  readonly read: boolean;
}

export interface MockState {
  readonly registered: Registered[];
  /** UID the mocked cluster reports for kube-system. */
  kubeSystemUid: string;
}

const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';
const SIG_KEY = '4dabf18193072939515e22adb298388d';

/** A value with Pulumi's secret wrappers removed, and whether any were found. */
export function unwrapSecrets(v: any): { value: any; secret: boolean } {
  let secret = false;
  const walk = (x: any): any => {
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') {
      if (x[SIG_KEY] === SECRET_SIG) {
        secret = true;
        return walk(x.value);
      }
      return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, walk(y)]));
    }
    return x;
  };
  return { value: walk(v), secret };
}

export function installMocks(): MockState {
  const state: MockState = { registered: [], kubeSystemUid: 'uid-of-the-right-cluster' };
  pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
        const read = args.id !== undefined && args.id !== '' && args.type === 'kubernetes:core/v1:Namespace' && args.id === 'kube-system';
        state.registered.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider, id: args.id, read });
        if (read) return { id: 'kube-system', state: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system', uid: state.kubeSystemUid } } };
        const inputs = unwrapSecrets(args.inputs).value;
        const out: Record<string, any> = { ...args.inputs, metadata: { ...inputs.metadata, uid: `uid-${args.name}` } };
        if (args.type === 'kubernetes:core/v1:Service') {
          out.spec = { ...inputs.spec, clusterIP: '10.96.0.10' };
          out.status = inputs.spec?.type === 'LoadBalancer' ? { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } } : { loadBalancer: {} };
        }
        if (args.type === 'kubernetes:apps/v1:Deployment' || args.type === 'kubernetes:apps/v1:StatefulSet') {
          out.status = { readyReplicas: inputs.spec?.replicas ?? 1 };
        }
        if (args.type === 'kubernetes:core/v1:PersistentVolumeClaim') out.status = { phase: 'Bound' };
        return { id: `${args.name}-id`, state: out };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        return args.inputs;
      },
    },
    'kubeforge-test',
    'test',
    false,
  );
  return state;
}

/** The value of an Output (mocks resolve every Output; preview is off). */
export function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => { resolve(v); return v; }));
}

/** Resolves once every resource's URN is known, i.e. the mock monitor has seen every registration. */
export async function settled(resources: Iterable<pulumi.Resource>): Promise<void> {
  await Promise.all([...resources].map((r) => valueOf(r.urn)));
}

/** Promises the Pulumi runtime still tracks; a clean test leaves none (else the process would exit 1). */
export function leakedPromiseCount(): number {
  // Internal module: the runtime's own leak check at process exit uses the same function.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const [leaks] = require('@pulumi/pulumi/runtime/debuggable').leakedPromises() as [Set<unknown>, string];
  return leaks.size;
}
