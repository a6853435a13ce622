import { crdSpecRule as rule } from '../../../lib/rules/apiserver/crd-spec';
import { Obj, broken, expectOne, run } from './fixtures';
import { groupFixtures } from './group-fixtures';

const crd = (mutate: (spec: Obj, o: Obj) => void) => broken(groupFixtures.crd(), (o) => void mutate(o.spec, o));
const SCHEMA = '/spec/versions/0/schema/openAPIV3Schema';

describe('crd-spec', () => {
  test.each(Object.entries(groupFixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['a name that is not plural.group', crd((_s, o) => void (o.metadata.name = 'widget.example.com')), '/metadata/name', ['"widgets.example.com"']],
    ['a group without a dot', crd((s, o) => { s.group = 'widgets'; o.metadata.name = 'widgets.widgets'; }), '/spec/group', ['no dot']],
    ['an upper-case group', crd((s, o) => { s.group = 'Example.com'; o.metadata.name = 'widgets.Example.com'; }), '/spec/group', ['"Example.com"']],
    ['an upper-case plural', crd((s, o) => { s.names.plural = 'Widgets'; o.metadata.name = 'Widgets.example.com'; }), '/spec/names/plural', ['"Widgets"']],
    ['a kind with an underscore', crd((s) => void (s.names.kind = 'My_Widget')), '/spec/names/kind', ['"My_Widget"']],
    ['listKind equal to kind', crd((s) => void (s.names.listKind = 'Widget')), '/spec/names/listKind', ['equals names.kind']],
    ['a short name with upper case', crd((s) => void (s.names.shortNames = ['WD'])), '/spec/names/shortNames/0', ['"WD"']],
    ['a scope typo', crd((s) => void (s.scope = 'Namespace')), '/spec/scope', ['"Namespace"']],
    ['two storage versions', crd((s) => void (s.versions[1].storage = true)), '/spec/versions', ['2 versions']],
    ['no storage version', crd((s) => void (s.versions[0].storage = false)), '/spec/versions', ['0 versions']],
    ['a repeated version', crd((s) => void (s.versions[1].name = 'v1')), '/spec/versions/1/name', ['twice']],
    ['a version name that is not a DNS-1035 label', crd((s) => void (s.versions[1].name = '1beta')), '/spec/versions/1/name', ['"1beta"']],
    ['a version without schema', crd((s) => void delete s.versions[1].schema), '/spec/versions/1/schema/openAPIV3Schema', ['no schema']],
    ['a root type other than object', crd((s) => void (s.versions[0].schema.openAPIV3Schema.type = 'string')), `${SCHEMA}/type`, ['"string"', 'must be object']],
    ['a root without type', crd((s) => void delete s.versions[0].schema.openAPIV3Schema.type), `${SCHEMA}/type`, ['at the root']],
    ['a field without type', crd((s) => void delete s.versions[0].schema.openAPIV3Schema.properties.spec.properties.tags.type), `${SCHEMA}/properties/spec/properties/tags/type`, ['for object fields']],
    ['array items without type', crd((s) => void (s.versions[0].schema.openAPIV3Schema.properties.spec.properties.tags.items = {})), `${SCHEMA}/properties/spec/properties/tags/items/type`, ['for array items']],
    ['map values without type', crd((s) => void (s.versions[0].schema.openAPIV3Schema.properties.spec.properties.labels.additionalProperties = { description: 'x' })), `${SCHEMA}/properties/spec/properties/labels/additionalProperties/type`, ['no type']],
    ['additionalProperties at the root', crd((s) => void (s.versions[0].schema.openAPIV3Schema.additionalProperties = { type: 'string' })), `${SCHEMA}/additionalProperties`, ['root']],
    ['an embedded resource that is not an object', crd((s) => void (s.versions[0].schema.openAPIV3Schema.properties.spec.properties.size = { type: 'string', 'x-kubernetes-embedded-resource': true })), `${SCHEMA}/properties/spec/properties/size/type`, ['embedded']],
    ['a k8s.io group without approval', crd((s, o) => { s.group = 'widgets.k8s.io'; o.metadata.name = 'widgets.widgets.k8s.io'; }), '/metadata/annotations/api-approved.kubernetes.io', ['missing']],
    ['a k8s.io group with an invalid approval', crd((s, o) => { s.group = 'widgets.k8s.io'; o.metadata.name = 'widgets.widgets.k8s.io'; o.metadata.annotations = { 'api-approved.kubernetes.io': 'yes' }; }), '/metadata/annotations/api-approved.kubernetes.io', ['"yes"']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['a single version preserving unknown fields', crd((s) => void (s.versions = [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }]))],
    ['an anyOf without types (value validation, not structure)', crd((s) => void (s.versions[0].schema.openAPIV3Schema.properties.spec.anyOf = [{ required: ['size'] }, { required: ['tags'] }]))],
    ['a cluster-scoped CRD with a mixed-case listKind', crd((s) => Object.assign(s, { scope: 'Cluster', names: { ...s.names, listKind: 'WidgetCollection' } }))],
    ['an approved k8s.io group', crd((s, o) => { s.group = 'widgets.k8s.io'; o.metadata.name = 'widgets.widgets.k8s.io'; o.metadata.annotations = { 'api-approved.kubernetes.io': 'https://github.com/kubernetes/enhancements/pull/1111' }; })],
    ['an x-k8s.io group (not reserved)', crd((s, o) => { s.group = 'widgets.x-k8s.io'; o.metadata.name = 'widgets.widgets.x-k8s.io'; })],
    ['an unapproved k8s.io group with a reason', crd((s, o) => { s.group = 'widgets.k8s.io'; o.metadata.name = 'widgets.widgets.k8s.io'; o.metadata.annotations = { 'api-approved.kubernetes.io': 'unapproved, experimental' }; })],
    ['defaulted singular and listKind', crd((s) => { delete s.names.singular; delete s.names.listKind; })],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('never throws on garbage', () => {
    for (const spec of [null, { versions: 'x', names: 5 }, { versions: [null, { schema: { openAPIV3Schema: { properties: { a: null, b: 5 }, items: 'x' } } }] }]) {
      expect(() => run(rule, { kind: 'CustomResourceDefinition', spec })).not.toThrow();
    }
  });
});
