import { resourceQuotaRule as rule } from '../../../lib/rules/apiserver/resource-quota';
import { Obj, expectOne, run } from './fixtures';

const rq = (spec: Obj): Obj => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota' }, spec });

describe('resource-quota', () => {
  const cases: Array<[string, Obj, string, string[]]> = [
    ['an unprefixed name quota does not track', rq({ hard: { storage: '10Gi' } }), '/spec/hard/storage', ['"storage"']],
    ['a resource name with two slashes', rq({ hard: { 'a/b/c': '1' } }), '/spec/hard/a~1b~1c', ['"a/b/c"']],
    ['a negative amount', rq({ hard: { 'requests.cpu': '-1' } }), '/spec/hard/requests.cpu', ['must not be negative']],
    ['a fractional pod count', rq({ hard: { pods: '1500m' } }), '/spec/hard/pods', ['whole units']],
    ['a fractional object count of an extended kind', rq({ hard: { 'count/deployments.apps': '2.5' } }), '/spec/hard/count~1deployments.apps', ['whole units']],
    ['an unknown scope', rq({ hard: { pods: '1' }, scopes: ['Besteffort'] }), '/spec/scopes/0', ['"Besteffort"']],
    ['BestEffort limiting cpu', rq({ hard: { cpu: '1' }, scopes: ['BestEffort'] }), '/spec/scopes/0', ['cannot limit cpu']],
    ['Terminating and NotTerminating together', rq({ hard: { pods: '1' }, scopes: ['Terminating', 'NotTerminating'] }), '/spec/scopes', ['contradict']],
    ['a selector In without values', rq({ hard: { pods: '1' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In' }] } }), '/spec/scopeSelector/matchExpressions/0/values', ['at least one value']],
    ['a selector Exists with values', rq({ hard: { pods: '1' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'Exists', values: ['x'] }] } }), '/spec/scopeSelector/matchExpressions/0/values', ['takes no values']],
    ['a Terminating selector with In', rq({ hard: { pods: '1' }, scopeSelector: { matchExpressions: [{ scopeName: 'Terminating', operator: 'In', values: ['x'] }] } }), '/spec/scopeSelector/matchExpressions/0/operator', ['only operator Exists']],
    ['an unknown selector operator', rq({ hard: { pods: '1' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'Equals', values: ['x'] }] } }), '/spec/scopeSelector/matchExpressions/0/operator', ['"Equals"']],
    ['a VolumeAttributesClass selector limiting pods', rq({ hard: { pods: '1' }, scopeSelector: { matchExpressions: [{ scopeName: 'VolumeAttributesClass', operator: 'In', values: ['gold'] }] } }), '/spec/scopeSelector/matchExpressions/0/scopeName', ['cannot limit pods']],
  ];
  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['standard, object-count and extended resources', rq({ hard: { 'requests.storage': '10Gi', 'count/deployments.apps': '5', 'requests.nvidia.com/gpu': '2', 'requests.hugepages-2Mi': '1Gi', pods: 10 } })],
    ['a fractional extended request (requests.* is not counted in whole units)', rq({ hard: { 'requests.example.com/foo': '500m' } })],
    ['BestEffort with pods', rq({ hard: { pods: '10' }, scopes: ['BestEffort'] })],
    ['NotBestEffort with compute and a non-standard resource', rq({ hard: { 'requests.cpu': '4', 'count/jobs.batch': '3' }, scopes: ['NotBestEffort', 'Terminating'] })],
    ['a PriorityClass selector', rq({ hard: { pods: '10', 'limits.memory': '8Gi' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'NotIn', values: ['low'] }] } })],
    ['a VolumeAttributesClass selector on claims', rq({ hard: { persistentvolumeclaims: '5', 'requests.storage': '1Ti' }, scopeSelector: { matchExpressions: [{ scopeName: 'VolumeAttributesClass', operator: 'In', values: ['gold'] }] } })],
    ['garbage', rq({ hard: 'x', scopes: [1], scopeSelector: { matchExpressions: [null] } })],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });
});
