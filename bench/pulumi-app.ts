/**
 * One run of the Pulumi benchmark, in its own process: registers the N-microservice app under Pulumi's mocks,
 * either through the bridge (`bridge`: kubeforge constructs → render, validate, deploy()) or by hand (`hand`:
 * bench/pulumi-hand.ts), and waits until the mock engine has seen every registration.
 * Usage: node build/bench/pulumi-app.js <bridge|hand> <N>. Prints one JSON line.
 */
import * as pulumi from '@pulumi/pulumi';

/** The bridge's app: bench/kubeforge-app.ts's services with readable names, so the hand-written names match. */
export const BENCH_DEFAULTS = {
  names: 'readable' as const,
  securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true },
};
// The claims use the cluster's default StorageClass; the rule's warning would only repeat N times on stderr.
export const BENCH_RULES = { 'pvc-no-match': 'off' as const };

export function installBenchMocks(): void {
  pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: (args) => args.inputs,
    },
    'kubeforge-bench',
    'bench',
    false,
  );
}

async function main(): Promise<void> {
  const [mode, nArg] = process.argv.slice(2);
  if ((mode !== 'bridge' && mode !== 'hand') || !/^\d+$/.test(nArg ?? '')) throw new Error('usage: node pulumi-app.js <bridge|hand> <N>');
  const n = Number(nArg);
  const start = process.hrtime.bigint();
  installBenchMocks();
  let resources: pulumi.CustomResource[];
  if (mode === 'bridge') {
    // Loaded here, after setMocks, like a Pulumi program would be.
    const { App, Chart } = await import('../lib');
    const { deploy } = await import('../lib/pulumi');
    const { Construct } = await import('constructs');
    const { addMicroservice } = await import('./kubeforge-app');
    const app = new App({ defaults: BENCH_DEFAULTS, rules: BENCH_RULES });
    const chart = new Chart(app, 'services');
    for (let i = 0; i < n; i++) addMicroservice(new Construct(chart, `svc-${i}`), i);
    resources = [...deploy(app).resources.values()];
  } else {
    const { handWrittenService } = await import('./pulumi-hand');
    resources = [];
    for (let i = 0; i < n; i++) resources.push(...handWrittenService(i));
  }
  await Promise.all(resources.map((r) => new Promise((resolve) => r.urn.apply(resolve))));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
  process.stdout.write(JSON.stringify({ resources: resources.length, seconds, maxRssMiB: maxRSS / 1024, cpuS: (userCPUTime + systemCPUTime) / 1e6 }) + '\n');
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exit(2);
  });
}
