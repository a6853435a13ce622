import { CronJob, PodFailurePolicyRule } from '../../lib';
import { containerOf, expectKubeforgeError, expectSynthError, newChart, oneOfKind } from './util';

const backup = { image: 'postgres:16', command: ['pg_dump', '-f', '/backup/db.sql'], port: 5432 };

describe('CronJob', () => {
  test('renders batch/v1 with the schedule and a jobTemplate whose pods restart Never and get no policy probe', () => {
    const { app, chart } = newChart();
    const cj = new CronJob(chart, 'backup', { schedule: '0 3 * * *', containers: [backup] });
    const c = oneOfKind(app, 'CronJob');
    expect(c.apiVersion).toBe('batch/v1');
    expect(c.spec.schedule).toBe('0 3 * * *');
    expect(cj.schedule).toBe('0 3 * * *');
    const pod = c.spec.jobTemplate.spec.template;
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(pod.metadata.labels).toMatchObject(cj.selectorLabels);
    expect(c.spec.jobTemplate.metadata.labels['app.kubernetes.io/managed-by']).toBe('kubeforge');
    expect(containerOf({ kind: 'Job', spec: c.spec.jobTemplate.spec })).not.toHaveProperty('readinessProbe');
    for (const f of ['timeZone', 'concurrencyPolicy', 'startingDeadlineSeconds', 'suspend', 'successfulJobsHistoryLimit']) expect(c.spec).not.toHaveProperty(f);
  });

  test('CronJob settings and the job settings are rendered where they belong', () => {
    const { app, chart } = newChart();
    new CronJob(chart, 'report', {
      schedule: '@every 90m', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 5, suspend: true,
      backoffLimit: 1, activeDeadlineSeconds: 3600, ttlSecondsAfterFinished: 600, restartPolicy: 'OnFailure', containers: [backup],
    });
    const spec = oneOfKind(app, 'CronJob').spec;
    expect(spec).toMatchObject({ schedule: '@every 90m', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 300, successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 5, suspend: true });
    expect(spec.jobTemplate.spec).toMatchObject({ backoffLimit: 1, activeDeadlineSeconds: 3600, ttlSecondsAfterFinished: 600 });
    expect(spec.jobTemplate.spec).not.toHaveProperty('suspend');
    expect(spec.jobTemplate.spec.template.spec.restartPolicy).toBe('OnFailure');
  });

  test('bad schedules and time zones are rejected at construction with the path and value', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new CronJob(chart, 'a', { schedule: '0 3 * *', containers: [backup] }), 'test/a', '"0 3 * *"', '5 fields');
    expectKubeforgeError(() => new CronJob(chart, 'b', { schedule: '61 * * * *', containers: [backup] }), 'test/b', '"61 * * * *"');
    expectKubeforgeError(() => new CronJob(chart, 'c', { schedule: 'TZ=UTC 0 3 * * *', containers: [backup] }), 'test/c', 'timeZone prop');
    expectKubeforgeError(() => new CronJob(chart, 'd', { schedule: '@sometimes', containers: [backup] }), 'test/d', '"@sometimes"');
    expectKubeforgeError(() => new CronJob(chart, 'e', { schedule: '@daily', timeZone: 'Mars/Olympus', containers: [backup] }), 'test/e', '"Mars/Olympus"');
    expectKubeforgeError(() => new CronJob(chart, 'f', { schedule: '@daily', timeZone: 'europe/berlin', containers: [backup] }), 'test/f', 'capital');
    expectKubeforgeError(() => new CronJob(chart, 'g', {} as never), 'test/g', 'needs a schedule');
  });

  test('bad CronJob and job settings are rejected at construction', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new CronJob(chart, 'a', { schedule: '@daily', concurrencyPolicy: 'Queue' as never, containers: [backup] }), 'test/a', '"Queue"', 'Allow, Forbid, Replace');
    expectKubeforgeError(() => new CronJob(chart, 'b', { schedule: '@daily', startingDeadlineSeconds: -1, containers: [backup] }), 'test/b', 'startingDeadlineSeconds', '-1');
    expectKubeforgeError(() => new CronJob(chart, 'c', { schedule: '@daily', successfulJobsHistoryLimit: 1.5, containers: [backup] }), 'test/c', '1.5');
    expectKubeforgeError(() => new CronJob(chart, 'd', { schedule: '@daily', failedJobsHistoryLimit: -2, containers: [backup] }), 'test/d', '-2');
    expectKubeforgeError(() => new CronJob(chart, 'e', { schedule: '@daily', restartPolicy: 'OnFailure', podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailJob', [1])], containers: [backup] }), 'test/e', 'requires restartPolicy Never');
    expectKubeforgeError(() => new CronJob(chart, 'f', { schedule: '@daily', completionMode: 'Indexed', containers: [backup] }), 'test/f', 'needs completions');
  });

  test('names: at most 52 characters; Indexed runs leave room for the job suffix and the index', () => {
    expectKubeforgeError(() => new CronJob(newChart().chart, 'a', { name: 'c'.repeat(53), schedule: '@daily', containers: [backup] }), 'test/a', 'at most 52');
    expectKubeforgeError(() => new CronJob(newChart().chart, 'b', { name: 'c'.repeat(51), schedule: '@daily', completionMode: 'Indexed', completions: 10, containers: [backup] }), 'test/b', 'at most 50 characters');
    const { app, chart } = newChart();
    const cj = new CronJob(chart, 'x'.repeat(80), { schedule: '@daily', completionMode: 'Indexed', completions: 100, containers: [backup] });
    expect(cj.name.length).toBe(49);
    expect(oneOfKind(app, 'CronJob').metadata.name).toBe(cj.name);
  });

  test('a podFailurePolicy rule naming a missing container fails synth', () => {
    const { app, chart } = newChart();
    new CronJob(chart, 'backup', { schedule: '@daily', containers: [{ ...backup, name: 'dump' }], podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailJob', [2], { containerName: 'upload' })] });
    expectSynthError(app, 'test/backup', '"upload"');
  });
});
