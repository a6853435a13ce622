import { webhookConfigRule as rule } from '../../../lib/rules/apiserver/webhook-config';
import { Obj, broken, expectOne, run } from './fixtures';
import { groupFixtures } from './group-fixtures';

const vw = (mutate: (h: Obj) => void) => broken(groupFixtures.validatingWebhook(), (o) => void mutate(o.webhooks[0]));
const mw = (mutate: (h: Obj) => void) => broken(groupFixtures.mutatingWebhook(), (o) => void mutate(o.webhooks[0]));
const res = (resources: string[]) => vw((h) => void (h.rules[0].resources = resources));
const W = '/webhooks/0';

describe('webhook-config', () => {
  test.each(Object.entries(groupFixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['a webhook name with two parts', vw((h) => void (h.name = 'example.com')), `${W}/name`, ['"example.com"', 'three']],
    ['a webhook name with upper case', vw((h) => void (h.name = 'Validate.example.com')), `${W}/name`, ['"Validate.example.com"']],
    ['two webhooks with one name', broken(groupFixtures.validatingWebhook(), (o) => void o.webhooks.push({ ...o.webhooks[0] })), '/webhooks/1/name', ['twice']],
    ['sideEffects Some', vw((h) => void (h.sideEffects = 'Some')), `${W}/sideEffects`, ['"Some"', 'None, NoneOnDryRun']],
    ['sideEffects Unknown', mw((h) => void (h.sideEffects = 'Unknown')), `${W}/sideEffects`, ['"Unknown"']],
    ['a timeout of 31 seconds', vw((h) => void (h.timeoutSeconds = 31)), `${W}/timeoutSeconds`, ['31']],
    ['a failurePolicy typo', vw((h) => void (h.failurePolicy = 'Reject')), `${W}/failurePolicy`, ['"Reject"']],
    ['a matchPolicy typo', vw((h) => void (h.matchPolicy = 'Strict')), `${W}/matchPolicy`, ['"Strict"']],
    ['a reinvocationPolicy typo', mw((h) => void (h.reinvocationPolicy = 'Always')), `${W}/reinvocationPolicy`, ['"Always"']],
    ['both url and service', vw((h) => void (h.clientConfig.url = 'https://x.example.com')), `${W}/clientConfig`, ['both url and service']],
    ['neither url nor service', vw((h) => void (h.clientConfig = { caBundle: 'Cg==' })), `${W}/clientConfig`, ['neither']],
    ['an http url', mw((h) => void (h.clientConfig.url = 'http://hooks.example.com/inject')), `${W}/clientConfig/url`, ['https']],
    ['a url with a query', mw((h) => void (h.clientConfig.url = 'https://hooks.example.com/inject?x=1')), `${W}/clientConfig/url`, ['query']],
    ['a url with user information', mw((h) => void (h.clientConfig.url = 'https://admin@hooks.example.com/inject')), `${W}/clientConfig/url`, ['user information']],
    ['a url with a fragment', mw((h) => void (h.clientConfig.url = 'https://hooks.example.com/inject#a')), `${W}/clientConfig/url`, ['fragments']],
    ['a url without a host', mw((h) => void (h.clientConfig.url = 'https:///inject')), `${W}/clientConfig/url`, ['host']],
    ['a service path without a leading slash', vw((h) => void (h.clientConfig.service.path = 'validate')), `${W}/clientConfig/service/path`, ['start with "/"']],
    ['a service path with an empty segment', vw((h) => void (h.clientConfig.service.path = '/a//b')), `${W}/clientConfig/service/path`, ['segment 1 is empty']],
    ['a service path with upper case', vw((h) => void (h.clientConfig.service.path = '/Validate')), `${W}/clientConfig/service/path`, ['"Validate"']],
    ['a service port of 0', vw((h) => void (h.clientConfig.service.port = 0)), `${W}/clientConfig/service/port`, ['1 to 65535']],
    ['no accepted AdmissionReview version', vw((h) => void (h.admissionReviewVersions = ['v2'])), `${W}/admissionReviewVersions`, ['neither v1 nor v1beta1']],
    ['an empty version list', vw((h) => void (h.admissionReviewVersions = [])), `${W}/admissionReviewVersions`, ['empty']],
    ['a repeated version', vw((h) => void (h.admissionReviewVersions = ['v1', 'v1'])), `${W}/admissionReviewVersions/1`, ['twice']],
    ['an operation in lower case', vw((h) => void (h.rules[0].operations = ['create'])), `${W}/rules/0/operations/0`, ['"create"']],
    ['"*" with another operation', vw((h) => void (h.rules[0].operations = ['*', 'CREATE'])), `${W}/rules/0/operations`, ['"*"']],
    ['no operations', vw((h) => void (h.rules[0].operations = [])), `${W}/rules/0/operations`, ['no operations']],
    ['no apiVersions', vw((h) => void (h.rules[0].apiVersions = [])), `${W}/rules/0/apiVersions`, ['no apiVersions']],
    ['"*" with another API group', vw((h) => void (h.rules[0].apiGroups = ['*', 'apps'])), `${W}/rules/0/apiGroups`, ['"*"']],
    ['"*/*" with other resources', res(['*/*', 'pods']), `${W}/rules/0/resources`, ['"*/*"']],
    ['"*" before a resource', res(['*', 'pods']), `${W}/rules/0/resources`, ['"*"']],
    ['a subresource covered by "pods/*"', res(['pods/*', 'pods/log']), `${W}/rules/0/resources/1`, ['"pods/*"']],
    ['no resources', res([]), `${W}/rules/0/resources`, ['no resources']],
    ['a scope typo', vw((h) => void (h.rules[0].scope = 'Namespace')), `${W}/rules/0/scope`, ['"Namespace"']],
    ['a match condition name with spaces', vw((h) => void (h.matchConditions[0].name = 'not leases')), `${W}/matchConditions/0/name`, ['"not leases"']],
    ['an empty match condition expression', vw((h) => void (h.matchConditions[0].expression = '  ')), `${W}/matchConditions/0/expression`, ['empty']],
    ['a bad namespace selector', vw((h) => void (h.namespaceSelector = { matchLabels: { 'a b': 'c' } })), `${W}/namespaceSelector/matchLabels/a b`, ['"a b"']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['a resource before "*" (the server only looks at the last plain resource)', res(['pods', '*'])],
    ['"*" with subresources', res(['*', '*/status'])],
    ['a service without path or port', vw((h) => void (h.clientConfig.service = { namespace: 'policy', name: 'webhook' }))],
    ['a service path "/"', vw((h) => void (h.clientConfig.service.path = '/'))],
    ['a url with a port and an empty query mark', mw((h) => void (h.clientConfig.url = 'https://10.0.0.1:8443/inject?'))],
    ['v1beta1 only', vw((h) => void (h.admissionReviewVersions = ['v1beta1']))],
    ['no rules', vw((h) => void delete h.rules)],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('never throws on garbage', () => {
    for (const webhooks of [null, 'x', [null, 5, { name: 5, rules: [null, { operations: 'x' }], clientConfig: { service: 'x' }, admissionReviewVersions: 'v1' }]]) {
      expect(() => run(rule, { kind: 'ValidatingWebhookConfiguration', webhooks })).not.toThrow();
      expect(() => run(rule, { kind: 'MutatingWebhookConfiguration', webhooks })).not.toThrow();
    }
  });
});
