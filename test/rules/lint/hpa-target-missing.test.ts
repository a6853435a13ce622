import { hpaTargetMissingRule as rule } from '../../../lib/rules/lint';
import { deployment, expectWellFormed, hpa, inFile } from './fixtures';

describe('hpa-target-missing', () => {
  test('a target of another kind, or in another namespace, is missing, with the near miss named', () => {
    const issues = rule.check(inFile(
      deployment('web'),
      hpa('web-hpa', { kind: 'StatefulSet', name: 'web' }),
      deployment('api', { namespace: 'team' }),
      hpa('api-hpa', { kind: 'Deployment', name: 'api' }),
    ));
    expectWellFormed(issues, 'hpa-target-missing');
    expect(issues.map((i) => [i.severity, i.line, i.jsonPointer])).toEqual([
      ['warning', 11, '/spec/scaleTargetRef'],
      ['warning', 31, '/spec/scaleTargetRef'],
    ]);
    expect(issues[0].message).toContain('scales StatefulSet "web", which is not defined in namespace "default" (the set has a Deployment of that name)');
    expect(issues[1].message).toContain('a Deployment "api" exists in namespace "team"');
  });

  test('a target defined in the same namespace passes; custom scale targets are not checked', () => {
    const issues = rule.check(inFile(
      deployment('web', { namespace: 'team' }),
      hpa('web-hpa', { kind: 'Deployment', name: 'web' }, {}, 'team'),
      hpa('custom', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'r' }),
    ));
    expect(issues).toEqual([]);
  });
});
