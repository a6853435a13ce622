/**
 * The Pulumi benchmark compares like with like: the hand-written registrations in bench/pulumi-hand.ts send
 * exactly the inputs the bridge sends for the same services.
 */
import { installMocks, leakedPromiseCount, settled } from './mocks';
const mocks = installMocks();

import { Construct } from 'constructs';
import { App, Chart } from '../../lib';
import { deploy } from '../../lib/pulumi';
import { addMicroservice } from '../../bench/kubeforge-app';
import { BENCH_DEFAULTS, BENCH_RULES } from '../../bench/pulumi-app';
import { handWrittenService } from '../../bench/pulumi-hand';

afterAll(() => expect(leakedPromiseCount()).toBe(0));

test('hand-written and bridge registrations of the bench services are identical (type, name, inputs)', async () => {
  const N = 3;
  const app = new App({ defaults: BENCH_DEFAULTS, rules: BENCH_RULES });
  const chart = new Chart(app, 'services');
  for (let i = 0; i < N; i++) addMicroservice(new Construct(chart, `svc-${i}`), i);
  const d = deploy(app);
  await settled(d.resources.values());
  const bridge = mocks.registered.splice(0);
  const hand = Array.from({ length: N }, (_, i) => handWrittenService(i)).flat();
  await settled(hand);
  const key = (r: { type: string; name: string }) => `${r.type} ${r.name}`;
  const sorted = <T extends { type: string; name: string }>(xs: T[]) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
  expect(bridge).toHaveLength(N * 5);
  expect(sorted(mocks.registered)).toEqual(sorted(bridge));
});
