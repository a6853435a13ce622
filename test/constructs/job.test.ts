import { Job, PodFailurePolicyRule, Probe, Service } from '../../lib';
import { containerOf, expectKubeforgeError, expectSynthError, newChart, objectsOfKind, oneOfKind, podSpecOf, render } from './util';

const worker = { image: 'busybox:1.36', command: ['sh', '-c', 'echo done'] };

describe('Job', () => {
  test('renders batch/v1 with restartPolicy Never by default, no selector, and selector labels on the pods', () => {
    const { app, chart } = newChart();
    const job = new Job(chart, 'migrate', { containers: [worker] });
    const j = oneOfKind(app, 'Job');
    expect(j.apiVersion).toBe('batch/v1');
    expect(podSpecOf(j).restartPolicy).toBe('Never');
    expect(j.spec).not.toHaveProperty('selector');
    expect(j.spec.template.metadata.labels).toMatchObject(job.selectorLabels);
    for (const f of ['completions', 'parallelism', 'backoffLimit', 'suspend', 'podFailurePolicy']) expect(j.spec).not.toHaveProperty(f);
  });

  test('restartPolicy OnFailure is kept; Always is rejected', () => {
    const { app, chart } = newChart();
    new Job(chart, 'a', { restartPolicy: 'OnFailure', containers: [worker] });
    expect(podSpecOf(oneOfKind(app, 'Job')).restartPolicy).toBe('OnFailure');
    expectKubeforgeError(() => new Job(chart, 'b', { restartPolicy: 'Always' as never, containers: [worker] }), 'test/b', 'restartPolicy', '"Always"');
  });

  test('Job pods get no policy readiness probe even with a port, but keep probes given explicitly and the policy resources', () => {
    const { app, chart } = newChart();
    new Job(chart, 'a', { containers: [{ ...worker, port: 8080 }] });
    new Job(chart, 'b', { containers: [{ ...worker, port: 8080, livenessProbe: Probe.tcpSocket() }] });
    const [a, b] = objectsOfKind(app, 'Job');
    expect(containerOf(a)).not.toHaveProperty('readinessProbe');
    expect(containerOf(a).resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' } });
    expect(containerOf(b).livenessProbe).toEqual({ tcpSocket: { port: 8080 } });
  });

  test('completion settings, deadlines, ttl, suspend and podReplacementPolicy are rendered', () => {
    const { app, chart } = newChart();
    new Job(chart, 'batch', {
      completions: 10, parallelism: 3, completionMode: 'Indexed', backoffLimit: 2, backoffLimitPerIndex: 1, maxFailedIndexes: 5,
      ttlSecondsAfterFinished: 3600, activeDeadlineSeconds: 600, suspend: true, podReplacementPolicy: 'Failed', containers: [worker],
    });
    expect(oneOfKind(app, 'Job').spec).toMatchObject({
      completions: 10, parallelism: 3, completionMode: 'Indexed', backoffLimit: 2, backoffLimitPerIndex: 1, maxFailedIndexes: 5,
      ttlSecondsAfterFinished: 3600, activeDeadlineSeconds: 600, suspend: true, podReplacementPolicy: 'Failed',
    });
  });

  test('podFailurePolicy rules render typed, with exit codes sorted and status defaulting to True', () => {
    const { app, chart } = newChart();
    new Job(chart, 'train', {
      containers: [{ ...worker, name: 'main' }],
      podFailurePolicy: [
        PodFailurePolicyRule.onExitCodes('FailJob', [42, 3], { containerName: 'main' }),
        PodFailurePolicyRule.onExitCodes('Count', [1], { operator: 'NotIn' }),
        PodFailurePolicyRule.onPodConditions('Ignore', [{ type: 'DisruptionTarget' }]),
      ],
    });
    expect(oneOfKind(app, 'Job').spec.podFailurePolicy).toEqual({
      rules: [
        { action: 'FailJob', onExitCodes: { operator: 'In', values: [3, 42], containerName: 'main' } },
        { action: 'Count', onExitCodes: { operator: 'NotIn', values: [1] } },
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      ],
    });
  });

  test('a rule naming a container the pod does not have fails synth', () => {
    const { app, chart } = newChart();
    new Job(chart, 'train', { containers: [{ ...worker, name: 'main' }], podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailJob', [1], { containerName: 'sidecar' })] });
    expectSynthError(app, 'test/train', '"sidecar"', 'main');
  });

  test('invalid job settings are rejected at construction with the path and value', () => {
    const { chart } = newChart();
    const bad: [string, object, string][] = [
      ['a', { completionMode: 'Indexed' }, 'needs completions'],
      ['b', { completions: -1 }, '-1'],
      ['c', { parallelism: 1.5 }, '1.5'],
      ['d', { completionMode: 'Indexed', completions: 100001 }, '100001'],
      ['e', { backoffLimitPerIndex: 1 }, 'requires completionMode Indexed'],
      ['f', { completionMode: 'Indexed', completions: 3, maxFailedIndexes: 1 }, 'requires backoffLimitPerIndex'],
      ['g', { completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1, maxFailedIndexes: 4 }, '4'],
      ['h', { activeDeadlineSeconds: 0 }, 'activeDeadlineSeconds'],
      ['i', { ttlSecondsAfterFinished: -5 }, '-5'],
      ['j', { restartPolicy: 'OnFailure', podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailJob', [1])] }, 'requires restartPolicy Never'],
      ['k', { podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailJob', [0, 1])] }, 'exit code 0'],
      ['l', { podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailJob', [2, 2])] }, 'twice'],
      ['m', { podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailJob', [])] }, '1 to 255'],
      ['n', { podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailJob', [256])] }, '256'],
      ['o', { podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailIndex', [1])] }, 'FailIndex'],
      ['p', { podFailurePolicy: [PodFailurePolicyRule.onPodConditions('Ignore', [{ type: 'bad type!' }])] }, '"bad type!"'],
      ['q', { podFailurePolicy: [] }, '1 to 20 rules'],
      ['r', { podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailJob', [1])], podReplacementPolicy: 'TerminatingOrFailed' }, 'podReplacementPolicy Failed'],
      ['s', { podFailurePolicy: [PodFailurePolicyRule.onExitCodes('Retry' as never, [1])] }, '"Retry"'],
    ];
    for (const [id, props, fragment] of bad) {
      expectKubeforgeError(() => new Job(chart, id, { containers: [worker], ...props }), `test/${id}`, fragment);
    }
  });

  test('FailIndex with backoffLimitPerIndex on an Indexed Job is accepted', () => {
    const { app, chart } = newChart();
    new Job(chart, 'idx', { completionMode: 'Indexed', completions: 4, backoffLimitPerIndex: 2, podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailIndex', [1])], containers: [worker] });
    expect(oneOfKind(app, 'Job').spec.podFailurePolicy.rules[0].action).toBe('FailIndex');
  });

  test('an explicit name too long for its indexes is rejected; a generated one leaves room for "-<index>"', () => {
    expectKubeforgeError(() => new Job(newChart().chart, 'long', { name: 'j'.repeat(61), completionMode: 'Indexed', completions: 11, containers: [worker] }), 'test/long', 'too long', 'at most 60 characters');
    const { app, chart } = newChart();
    const job = new Job(chart, 'x'.repeat(80), { completionMode: 'Indexed', completions: 1000, containers: [worker] });
    expect(job.name.length).toBe(59);
    expect(oneOfKind(app, 'Job').metadata.name).toBe(job.name);
  });

  test('a headless Service can select the Job\'s pods', () => {
    const { app, chart } = newChart();
    const job = new Job(chart, 'workers', { completionMode: 'Indexed', completions: 2, containers: [{ ...worker, port: 7000 }] });
    new Service(chart, 'peers', { selector: job, headless: true });
    const objs = render(app);
    const svc = objs.find((o) => o.kind === 'Service')!;
    expect(objs.find((o) => o.kind === 'Job')!.spec.template.metadata.labels).toMatchObject(svc.spec.selector);
  });

  test('successPolicy and managedBy: rendered as given, and validated by the strict schema', () => {
    const { app, chart } = newChart();
    new Job(chart, 'train', {
      completionMode: 'Indexed', completions: 8, managedBy: 'kueue.x-k8s.io/multikueue',
      successPolicy: [{ succeededIndexes: '0' }, { succeededIndexes: '1-3,6', succeededCount: 2 }, { succeededCount: 5 }, { succeededIndexes: '7', succeededCount: 0 }],
      containers: [worker],
    });
    const j = oneOfKind(app, 'Job');
    expect(j.spec.managedBy).toBe('kueue.x-k8s.io/multikueue');
    expect(j.spec.successPolicy).toEqual({ rules: [{ succeededIndexes: '0' }, { succeededIndexes: '1-3,6', succeededCount: 2 }, { succeededCount: 5 }, { succeededIndexes: '7', succeededCount: 0 }] });
    expect(app.validate().filter((i) => i.severity === 'error')).toEqual([]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['successPolicy on a NonIndexed Job', { successPolicy: [{ succeededCount: 1 }] }, 'requires completionMode Indexed'],
    ['an empty success rule', { completionMode: 'Indexed', completions: 3, successPolicy: [{}] }, 'neither succeededIndexes nor succeededCount'],
    ['an index beyond completions', { completionMode: 'Indexed', completions: 3, successPolicy: [{ succeededIndexes: '0-3' }] }, 'index 3 is not below completions (3)'],
    ['indexes out of order', { completionMode: 'Indexed', completions: 5, successPolicy: [{ succeededIndexes: '2,1' }] }, 'ascending order'],
    ['a malformed index list', { completionMode: 'Indexed', completions: 5, successPolicy: [{ succeededIndexes: '0, 1' }] }, 'comma-separated list'],
    ['a count above the listed indexes', { completionMode: 'Indexed', completions: 5, successPolicy: [{ succeededIndexes: '0-1', succeededCount: 3 }] }, 'from 0 to 2 (the size of succeededIndexes)'],
    ['a negative count', { completionMode: 'Indexed', completions: 5, successPolicy: [{ succeededCount: -1 }] }, 'from 0 to 5 (completions)'],
    ['21 success rules', { completionMode: 'Indexed', completions: 5, successPolicy: Array.from({ length: 21 }, () => ({ succeededCount: 1 })) }, '1 to 20 rules'],
    ['managedBy without a domain', { managedBy: 'multikueue' }, 'domain-prefixed path'],
  ])('rejects %s', (_title, props, fragment) => {
    const { chart } = newChart();
    expectKubeforgeError(() => new Job(chart, 'j', { containers: [worker], ...props }), 'test/j', fragment);
  });
});
