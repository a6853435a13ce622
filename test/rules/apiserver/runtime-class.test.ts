import { runtimeClassRule as rule } from '../../../lib/rules/apiserver/runtime-class';
import { Obj, broken, expectOne, run } from './fixtures';
import { groupFixtures } from './group-fixtures';

const rc = (mutate: (o: Obj) => void) => broken(groupFixtures.runtimeClass(), (o) => void mutate(o));
const tol = (t: Obj) => rc((o) => void (o.scheduling.tolerations = [t]));
const T0 = '/scheduling/tolerations/0';

describe('runtime-class', () => {
  test.each(Object.entries(groupFixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['a handler with upper case', rc((o) => void (o.handler = 'Kata')), '/handler', ['"Kata"']],
    ['an empty handler', rc((o) => void (o.handler = '')), '/handler', ['empty']],
    ['a negative overhead', rc((o) => void (o.overhead.podFixed.cpu = '-1')), '/overhead/podFixed/cpu', ['negative']],
    ['an overhead that is not a quantity', rc((o) => void (o.overhead.podFixed.memory = '120MB')), '/overhead/podFixed/memory', ['"120MB"']],
    ['an overhead of an unknown resource', rc((o) => void (o.overhead.podFixed.gpu = '1')), '/overhead/podFixed/gpu', ['"gpu"']],
    ['an invalid node selector value', rc((o) => void (o.scheduling.nodeSelector = { runtime: 'kata containers' })), '/scheduling/nodeSelector/runtime', ['"kata containers"']],
    ['an Exists toleration with a value', tol({ key: 'k', operator: 'Exists', value: 'v' }), `${T0}/value`, ['Exists takes no value']],
    ['a toleration without key and with Equal', tol({ operator: 'Equal', value: 'v' }), `${T0}/operator`, ['without a key']],
    ['tolerationSeconds without NoExecute', tol({ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }), `${T0}/effect`, ['NoExecute']],
    ['a Gt toleration operator', tol({ key: 'k', operator: 'Gt', value: '5' }), `${T0}/operator`, ['"Gt"']],
    ['an effect typo', tol({ key: 'k', operator: 'Exists', effect: 'NoEvict' }), `${T0}/effect`, ['"NoEvict"']],
    ['a repeated toleration', rc((o) => void o.scheduling.tolerations.push({ ...o.scheduling.tolerations[0] })), '/scheduling/tolerations/1', ['repeats']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['a RuntimeClass with only a handler', rc((o) => { delete o.overhead; delete o.scheduling; })],
    ['a toleration matching every taint', tol({ operator: 'Exists' })],
    ['a NoExecute toleration with seconds', tol({ key: 'k', value: 'v', effect: 'NoExecute', tolerationSeconds: 60 })],
    ['a hugepages overhead', rc((o) => void (o.overhead.podFixed['hugepages-2Mi'] = '4Mi'))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('never throws on garbage', () => {
    for (const o of [{ kind: 'RuntimeClass', handler: 5, overhead: { podFixed: { cpu: {} } } }, { kind: 'RuntimeClass', scheduling: { tolerations: [null, 5, { key: 7 }] } }]) expect(() => run(rule, o)).not.toThrow();
  });
});
