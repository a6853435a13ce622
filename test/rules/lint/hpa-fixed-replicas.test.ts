import { hpaFixedReplicasRule as rule } from '../../../lib/rules/lint';
import { deployment, expectWellFormed, hpa, inFile } from './fixtures';

describe('hpa-fixed-replicas', () => {
  test('an autoscaled workload that sets replicas is a warning at spec.replicas', () => {
    const issues = rule.check(inFile(deployment('web', { replicas: 3 }), hpa('web', { kind: 'Deployment', name: 'web' })));
    expectWellFormed(issues, 'hpa-fixed-replicas');
    expect(issues.map((i) => [i.severity, i.line, i.jsonPointer])).toEqual([['warning', 1, '/spec/replicas']]);
    expect(issues[0].message).toContain('Deployment "web" sets spec.replicas: 3 while HorizontalPodAutoscaler "web" scales it');
  });

  test('an autoscaled workload without replicas, and a fixed workload without HPA, pass', () => {
    expect(rule.check(inFile(deployment('web'), hpa('web', { kind: 'Deployment', name: 'web' }), deployment('fixed', { replicas: 2 })))).toEqual([]);
  });
});
