import { selectorMatchRule as rule, matchesSelector } from '../../../lib/rules/apiserver/selector-match';
import { Obj, broken, expectOne, fixtures, run } from './fixtures';

describe('selector-match', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['a Deployment without a selector', broken(fixtures.deployment(), (o) => void delete o.spec.selector), '/spec/selector', ['no spec.selector', 'apps/v1']],
    ['a StatefulSet with an empty selector', broken(fixtures.statefulSet(), (o) => void (o.spec.selector = {})), '/spec/selector', ['empty spec.selector']],
    ['a selector value the template does not carry', broken(fixtures.deployment(), (o) => void (o.spec.selector.matchLabels.app = 'other')), '/spec/selector', ['does not match', 'app=other', 'app=web']],
    ['a selector key the template lacks', broken(fixtures.daemonSet(), (o) => void (o.spec.selector.matchLabels.tier = 'node')), '/spec/selector', ['no label tier']],
    ['an unsatisfied matchExpression', broken(fixtures.deployment(), (o) => void (o.spec.selector.matchExpressions = [{ key: 'app', operator: 'NotIn', values: ['web'] }])), '/spec/selector', ['matchExpressions app NotIn']],
    ['a Job with a hand-written selector', broken(fixtures.job(), (o) => void (o.spec.selector = { matchLabels: { app: 'migrate' } })), '/spec/selector', ['without manualSelector: true', 'selector not auto-generated']],
    ['a Job with manualSelector that does not match', broken(fixtures.job(), (o) => { o.spec.manualSelector = true; o.spec.selector = { matchLabels: { app: 'x' } }; }), '/spec/selector', ['does not match']],
    ['a CronJob job template with a selector', broken(fixtures.cronJob(), (o) => void (o.spec.jobTemplate.spec.selector = { matchLabels: { app: 'report' } })), '/spec/jobTemplate/spec/selector', ['jobTemplate.spec.selector']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['a Job with manualSelector and a matching selector', broken(fixtures.job(), (o) => { o.spec.manualSelector = true; o.spec.selector = { matchLabels: { app: 'migrate' } }; })],
    ['matchExpressions the template satisfies', broken(fixtures.deployment(), (o) => void (o.spec.selector.matchExpressions = [{ key: 'app', operator: 'In', values: ['web', 'api'] }, { key: 'tier', operator: 'DoesNotExist' }]))],
    ['a selector with an unknown operator (left to object-metadata)', broken(fixtures.deployment(), (o) => void (o.spec.selector.matchExpressions = [{ key: 'app', operator: 'Like' }]))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('matchesSelector explains the first mismatch and accepts a match', () => {
    expect(matchesSelector({ matchLabels: { app: 'web' } }, { app: 'web', tier: 'front' })).toBeUndefined();
    expect(matchesSelector({ matchLabels: { app: 'web' } }, { app: 'api' })).toBe('matchLabels app=web but the template has app=api');
  });
});
