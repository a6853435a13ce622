import { serviceSelectsNoPodRule as rule } from '../../../lib/rules/lint';
import { deployment, expectWellFormed, inFile, pod, service } from './fixtures';

describe('service-selects-no-pod', () => {
  test('a selector that no template in the namespace fully matches is a warning at the selector', () => {
    const issues = rule.check(inFile(
      deployment('web', { labels: { app: 'web', tier: 'backend' } }),
      service('web', { app: 'web', tier: 'frontend' }),
      pod('other', {}, { app: 'web', tier: 'frontend' }, 'elsewhere'),
    ));
    expectWellFormed(issues, 'service-selects-no-pod');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'warning', file: 'app.yaml', line: 11, jsonPointer: '/spec/selector' });
    expect(issues[0].message).toContain('Service "web" selects app=web, tier=frontend');
    expect(issues[0].message).toContain('namespace "default"');
  });

  test('a matching Deployment, CronJob or Pod (with extra labels) passes; so do Services without selector', () => {
    const cron = {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'job', namespace: 'ops' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { metadata: { labels: { app: 'job' } }, spec: { containers: [] } } } } },
    };
    const issues = rule.check(inFile(
      deployment('web', { labels: { app: 'web', tier: 'backend', extra: 'x' } }),
      service('web', { app: 'web', tier: 'backend' }),
      cron,
      service('job', { app: 'job' }, [{ port: 80 }], 'ops'),
      pod('single', {}, { app: 'single' }, 'default'),
      service('single', { app: 'single' }),
      service('manual', undefined),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'db.example.com', selector: { app: 'db' } } },
    ));
    expect(issues).toEqual([]);
  });
});
