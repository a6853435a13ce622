import { pdbSpecRule as rule } from '../../../lib/rules/apiserver/pdb-spec';
import { Obj, broken, expectOne, run } from './fixtures';
import { groupFixtures } from './group-fixtures';

const pdb = (mutate: (spec: Obj) => void) => broken(groupFixtures.pdb(), (o) => void mutate(o.spec));

describe('pdb-spec', () => {
  test.each(Object.entries(groupFixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['minAvailable and maxUnavailable together', pdb((s) => void (s.maxUnavailable = 1)), '/spec', ['both set']],
    ['a percentage above 100', pdb((s) => void (s.minAvailable = '101%')), '/spec/minAvailable', ['"101%"', 'more than 100%']],
    ['a negative count', pdb((s) => { delete s.minAvailable; s.maxUnavailable = -1; }), '/spec/maxUnavailable', ['-1']],
    ['a quoted count', pdb((s) => void (s.minAvailable = '2')), '/spec/minAvailable', ['"2"']],
    ['a negative percentage', pdb((s) => void (s.minAvailable = '-5%')), '/spec/minAvailable', ['"-5%"']],
    ['a fractional percentage', pdb((s) => void (s.minAvailable = '50.5%')), '/spec/minAvailable', ['"50.5%"']],
    ['an eviction policy typo', pdb((s) => void (s.unhealthyPodEvictionPolicy = 'Always')), '/spec/unhealthyPodEvictionPolicy', ['"Always"']],
    ['a bad selector', pdb((s) => void (s.selector = { matchLabels: { app: 'web app' } })), '/spec/selector/matchLabels/app', ['"web app"']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test('the fix for a quoted count drops the quotes', () => {
    const [issue] = run(rule, pdb((s) => void (s.minAvailable = '2')));
    expect(issue.fix).toContain('minAvailable: 2');
  });

  test.each<[string, Obj]>([
    ['maxUnavailable 0', pdb((s) => { delete s.minAvailable; s.maxUnavailable = 0; })],
    ['100%', pdb((s) => void (s.minAvailable = '100%'))],
    ['0%', pdb((s) => void (s.minAvailable = '0%'))],
    ['neither bound', pdb((s) => void delete s.minAvailable)],
    ['an empty selector', pdb((s) => void (s.selector = {}))],
    ['IfHealthyBudget', pdb((s) => void (s.unhealthyPodEvictionPolicy = 'IfHealthyBudget'))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('never throws on garbage', () => {
    for (const spec of [null, [], { minAvailable: {} }, { selector: 'x' }]) expect(() => run(rule, { kind: 'PodDisruptionBudget', spec })).not.toThrow();
  });
});
