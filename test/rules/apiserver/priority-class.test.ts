import { priorityClassRule as rule } from '../../../lib/rules/apiserver/priority-class';
import { Obj, broken, expectOne, run } from './fixtures';
import { groupFixtures } from './group-fixtures';

const pc = (mutate: (o: Obj) => void) => broken(groupFixtures.priorityClass(), (o) => void mutate(o));

describe('priority-class', () => {
  test.each(Object.entries(groupFixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['a user value above one billion', pc((o) => void (o.value = 1_000_000_001)), '/value', ['1000000001', '1000000000']],
    ['a system- name of its own', pc((o) => void (o.metadata.name = 'system-important')), '/metadata/name', ['"system-important"', 'reserved']],
    ['a built-in name with another value', pc((o) => Object.assign(o, { metadata: { name: 'system-node-critical' }, value: 5 })), '/value', ['2000001000']],
    ['a built-in class as global default', pc((o) => Object.assign(o, { metadata: { name: 'system-cluster-critical' }, value: 2_000_000_000, globalDefault: true })), '/globalDefault', ['global default']],
    ['a preemptionPolicy typo', pc((o) => void (o.preemptionPolicy = 'never')), '/preemptionPolicy', ['"never"']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['exactly one billion', pc((o) => void (o.value = 1_000_000_000))],
    ['a negative value', pc((o) => void (o.value = -10))],
    ['the built-in cluster-critical class as the server defines it', pc((o) => Object.assign(o, { metadata: { name: 'system-cluster-critical' }, value: 2_000_000_000 }))],
    ['a name that only contains "system"', pc((o) => void (o.metadata.name = 'my-system-class'))],
    ['the default preemption policy', pc((o) => void delete o.preemptionPolicy)],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('never throws on garbage', () => {
    for (const o of [{ kind: 'PriorityClass' }, { kind: 'PriorityClass', metadata: 'x', value: 'x' }, { kind: 'PriorityClass', metadata: { name: 5 } }]) expect(() => run(rule, o)).not.toThrow();
  });
});
