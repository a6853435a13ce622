/**
 * Shared generators and checks for the workload property tests: random valid containers and pod settings, and
 * the two outcomes a property test accepts (a clean synth, or a rejection that is never silent).
 */
import * as fc from 'fast-check';
import { App, ContainerProps, IntOrPercent, KubeforgeError, PodSpecProps } from '../../lib';
import { newChart, TestChart } from '../constructs/util';
import { lifecycle, schedulingSettings } from './pod-arbitraries';

export const FC_RUNS = 1000;

const image = fc.constantFrom('nginx:1.27', 'busybox:1.36', 'registry.example.com/team/my_app:2.0', 'redis@sha256:' + 'a'.repeat(64));

export const container: fc.Arbitrary<ContainerProps> = fc.record(
  {
    image,
    port: fc.integer({ min: 1, max: 65535 }),
    command: fc.array(fc.constantFrom('sh', '-c', 'sleep 5', 'echo done'), { minLength: 1, maxLength: 3 }),
    env: fc.dictionary(fc.constantFrom('A', 'B_C', 'MODE'), fc.string({ maxLength: 10 }), { maxKeys: 3 }),
    lifecycle,
  },
  { requiredKeys: ['image'] },
);

/** 1-3 containers, named c0, c1, ... so they never collide. */
export const containers: fc.Arbitrary<ContainerProps[]> = fc
  .array(container, { minLength: 1, maxLength: 3 })
  .map((cs) => cs.map((c, i) => ({ ...c, name: `c${i}` })));

/** Pod-level settings every workload accepts (restartPolicy is up to the kind), scheduling and extras included. */
const basicPodSettings = fc.record(
  {
    terminationGracePeriodSeconds: fc.integer({ min: 0, max: 3600 }),
    nodeSelector: fc.dictionary(fc.constantFrom('disktype', 'kubernetes.io/arch', 'zone'), fc.constantFrom('ssd', 'amd64', 'a-1'), { maxKeys: 2 }),
    podLabels: fc.dictionary(fc.constantFrom('tier', 'team', 'example.com/owner'), fc.constantFrom('web', 'x', ''), { maxKeys: 2 }),
    automountServiceAccountToken: fc.boolean(),
    dnsPolicy: fc.constantFrom('ClusterFirst' as const, 'Default' as const, 'ClusterFirstWithHostNet' as const),
  },
  { requiredKeys: [] },
);

export const podSettings: fc.Arbitrary<Omit<PodSpecProps, 'containers' | 'restartPolicy'>> = fc.tuple(basicPodSettings, schedulingSettings).map(([a, b]) => ({ ...a, ...b }));

export const intOrPercent = (maxInt: number, minInt = 0): fc.Arbitrary<IntOrPercent> =>
  fc.oneof(fc.integer({ min: minInt, max: maxInt }), fc.integer({ min: Math.max(minInt, 0), max: 100 }).map((n) => `${n}%` as IntOrPercent));

/** Construct ids that need sanitising, so generated names are exercised too. */
export const constructId = fc.constantFrom('web', 'My_App', 'db.primary', 'x', 'worker-1', 'a'.repeat(70));

/** Builds an app with `build`, synthesizes it, and returns the error findings (none expected for valid props). */
export function synthErrors(build: (t: TestChart) => void): string[] {
  const t = newChart();
  build(t);
  return t.app
    .synthesize({ validate: true, yaml: false })
    .issues.filter((i) => i.severity === 'error')
    .map((i) => `[${i.ruleId}] ${i.message}`);
}

/** Invalid input is either a KubeforgeError at construction or an error finding at synth, never clean output. */
export function isRejected(build: (t: TestChart) => void): boolean {
  let t: TestChart | undefined;
  try {
    t = newChart();
    build(t);
  } catch (e) {
    if (e instanceof KubeforgeError) return true;
    throw e;
  }
  return (t.app as App).synthesize({ validate: true, yaml: false }).issues.some((i) => i.severity === 'error');
}
