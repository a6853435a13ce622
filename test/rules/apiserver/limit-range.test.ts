import { limitRangeRule as rule } from '../../../lib/rules/apiserver/limit-range';
import { Obj, expectOne, run } from './fixtures';

const lr = (...limits: Obj[]): Obj => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits' }, spec: { limits } });
const container = (extra: Obj): Obj => ({ type: 'Container', ...extra });

describe('limit-range', () => {
  const cases: Array<[string, Obj, string, string[]]> = [
    ['a type typo', lr({ type: 'Containers', max: { cpu: '2' } }), '/spec/limits/0/type', ['"Containers"']],
    ['a duplicate type', lr(container({ max: { cpu: '2' } }), container({ max: { memory: '1Gi' } })), '/spec/limits/1/type', ['listed twice']],
    ['default on a Pod item', lr({ type: 'Pod', default: { cpu: '1' } }), '/spec/limits/0/default', ['type Pod']],
    ['defaultRequest on a Pod item', lr({ type: 'Pod', defaultRequest: { cpu: '1' } }), '/spec/limits/0/defaultRequest', ['type Pod']],
    ['storage on a Container item', lr(container({ max: { storage: '1Gi' } })), '/spec/limits/0/max/storage', ['"storage"']],
    ['an unknown unprefixed resource', lr({ type: 'PersistentVolumeClaim', max: { storage: '1Gi', disk: '1Gi' } }), '/spec/limits/0/max/disk', ['standard resource name']],
    ['a PersistentVolumeClaim item without a storage bound', lr({ type: 'PersistentVolumeClaim', default: { storage: '1Gi' } }), '/spec/limits/0', ['min.storage or max.storage']],
    ['min above max', lr(container({ min: { cpu: '2' }, max: { cpu: '1' } })), '/spec/limits/0/min/cpu', ['greater than max']],
    ['defaultRequest below min', lr(container({ min: { cpu: '500m' }, defaultRequest: { cpu: '100m' } })), '/spec/limits/0/defaultRequest/cpu', ['below min']],
    ['defaultRequest above max', lr(container({ max: { cpu: '1' }, defaultRequest: { cpu: '2' } })), '/spec/limits/0/defaultRequest/cpu', ['greater than max']],
    ['defaultRequest above default', lr(container({ default: { memory: '256Mi' }, defaultRequest: { memory: '512Mi' } })), '/spec/limits/0/defaultRequest/memory', ['greater than default']],
    ['default below min', lr(container({ min: { memory: '1Gi' }, default: { memory: '512Mi' } })), '/spec/limits/0/default/memory', ['below min']],
    ['default above max', lr(container({ max: { cpu: '500m' }, default: { cpu: '1' } })), '/spec/limits/0/default/cpu', ['greater than max']],
    ['a ratio below 1', lr(container({ maxLimitRequestRatio: { memory: '500m' } })), '/spec/limits/0/maxLimitRequestRatio/memory', ['less than 1']],
    ['a ratio above max/min', lr(container({ min: { memory: '1Gi' }, max: { memory: '2Gi' }, maxLimitRequestRatio: { memory: '3' } })), '/spec/limits/0/maxLimitRequestRatio/memory', ['max/min']],
    ['hugepages default unequal to defaultRequest', lr(container({ default: { 'hugepages-2Mi': '4Mi' }, defaultRequest: { 'hugepages-2Mi': '2Mi' } })), '/spec/limits/0/defaultRequest/hugepages-2Mi', ['cannot be overcommitted']],
  ];
  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['ordered bounds with a ratio', lr(container({ min: { cpu: '100m' }, defaultRequest: { cpu: '250m' }, default: { cpu: '500m' }, max: { cpu: '1' }, maxLimitRequestRatio: { cpu: '4' } }))],
    ['equal bounds in different units', lr(container({ default: { memory: '1Gi' }, max: { memory: '1024Mi' } }))],
    ['a Pod item with min and max', lr({ type: 'Pod', min: { cpu: '100m' }, max: { cpu: '4' } })],
    ['a PersistentVolumeClaim item with max storage', lr({ type: 'PersistentVolumeClaim', max: { storage: '50Gi' } })],
    ['a custom type with a domain and an extended resource', lr({ type: 'example.com/Gpu', max: { 'example.com/gpu': '2' } })],
    ['a ratio of exactly max/min', lr(container({ min: { memory: '1Gi' }, max: { memory: '2Gi' }, maxLimitRequestRatio: { memory: '2' } }))],
    ['hugepages with equal default and defaultRequest', lr(container({ default: { 'hugepages-2Mi': '4Mi' }, defaultRequest: { 'hugepages-2Mi': '4Mi' } }))],
    ['garbage limits', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'x' }, spec: { limits: [null, 'x', { type: 3 }] } }],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });
});
