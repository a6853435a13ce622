/** The source parsers of scripts/schema/lifecycle.js, on small Go excerpts in each layout the releases use. */
import * as path from 'path';

// build/test/schema -> scripts/schema (the generator is plain node, not compiled).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const gen = require(path.join(__dirname, '..', '..', '..', 'scripts', 'schema', 'lifecycle.js'));

describe('lifecycle generator parsers', () => {
  test('versioned gate specs (1.31+): the spec in effect at each minor, with the package prefix resolved', () => {
    const src = `
const (
  HPAScaleToZero featuregate.Feature = "HPAScaleToZero"
)
var defaultVersionedKubernetesFeatureGates = map[featuregate.Feature]featuregate.VersionedSpecs{
  HPAScaleToZero: {
    {Version: version.MustParse("1.16"), Default: false, PreRelease: featuregate.Alpha},
    {Version: version.MustParse("1.37"), Default: true, PreRelease: featuregate.Beta}, // comment {with braces}
  },
  genericfeatures.Foo: {
    {Version: version.MustParse("1.30"), Default: true, PreRelease: featuregate.GA, LockToDefault: true},
  },
}`;
    const specs = gen.parseGates(src, { ...gen.gateConstants(src), 'genericfeatures.Foo': 'FooGate' });
    expect(Object.keys(specs).sort()).toEqual(['FooGate', 'HPAScaleToZero']);
    expect(gen.specAt(specs.HPAScaleToZero, 36)).toMatchObject({ def: false, pre: 'ALPHA' });
    expect(gen.specAt(specs.HPAScaleToZero, 37)).toMatchObject({ def: true, pre: 'BETA', lock: false });
    expect(gen.specAt(specs.FooGate, 30)).toMatchObject({ def: true, pre: 'GA', lock: true });
    expect(gen.specAt(specs.FooGate, 29)).toBeUndefined();
  });

  test('unversioned gate specs (1.30)', () => {
    const src = `var defaultKubernetesFeatureGates = map[featuregate.Feature]featuregate.FeatureSpec{
  JobManagedBy: {Default: false, PreRelease: featuregate.Alpha},
  Old: {Default: true, PreRelease: featuregate.GA, LockToDefault: true}, // remove in 1.31
}`;
    const specs = gen.parseGates(src, {});
    expect(gen.specAt(specs.JobManagedBy, 30)).toMatchObject({ def: false, pre: 'ALPHA' });
    expect(gen.specAt(specs.Old, 30)).toMatchObject({ def: true, lock: true });
  });

  test('prerelease lifecycle functions, List kinds folded into their items', () => {
    const src = `
func (in *FlowSchema) APILifecycleIntroduced() (major, minor int) {
	return 1, 26
}
func (in *FlowSchema) APILifecycleDeprecated() (major, minor int) {
	return 1, 29
}
func (in *FlowSchema) APILifecycleReplacement() schema.GroupVersionKind {
	return schema.GroupVersionKind{Group: "flowcontrol.apiserver.k8s.io", Version: "v1", Kind: "FlowSchema"}
}
func (in *FlowSchema) APILifecycleRemoved() (major, minor int) {
	return 1, 32
}
func (in *FlowSchemaList) APILifecycleIntroduced() (major, minor int) {
	return 1, 26
}`;
    expect(gen.parseLifecycle(src)).toEqual({ FlowSchema: { i: '1.26', d: '1.29', r: '1.32', rep: 'flowcontrol.apiserver.k8s.io/v1/FlowSchema' } });
  });

  test('resource names from kinds', () => {
    expect(['VolumeAttributesClass', 'IPAddress', 'ServiceCIDR', 'PriorityLevelConfiguration', 'Workload'].map(gen.plural)).toEqual(
      ['volumeattributesclasses', 'ipaddresses', 'servicecidrs', 'prioritylevelconfigurations', 'workloads']);
  });
});
