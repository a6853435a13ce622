/**
 * Escape hatches: `ApiObject.of(x).addJsonPatch()` and the open resource maps. Patches are applied last and
 * never filtered, and the synth-time rules still check the patched object.
 */
import { ApiObject, AppProps, Deployment, JsonPatch, SynthError } from '../../lib';
import { containerOf, expectSynthError, newChart, oneOfKind, synth } from './util';

describe('escape hatches', () => {
  function webDeployment(appProps: AppProps = {}) {
    const { app, chart } = newChart({}, appProps);
    const web = new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', port: 80 }] });
    return { app, chart, web };
  }

  test('ApiObject.of() returns the kubeforge object itself', () => {
    const { web } = webDeployment();
    expect(ApiObject.of(web)).toBe(web);
  });

  describe('selector mismatch introduced by a patch', () => {
    function patched() {
      const ctx = webDeployment();
      ApiObject.of(ctx.web).addJsonPatch(JsonPatch.replace('/spec/selector/matchLabels/app.kubernetes.io~1name', 'other'));
      return ctx;
    }

    test('app.synthesize().issues contains a selector-match error naming the path', () => {
      const { app } = patched();
      const issues = app.synthesize().issues.filter((i) => i.ruleId === 'selector-match');
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ severity: 'error', constructPath: 'test/web', jsonPointer: '/spec/selector' });
      expect(issues[0].message).toContain('app.kubernetes.io/name=other');
      expect(issues[0].message).toContain('app.kubernetes.io/name=web');
    });

    test('the patch is applied to the output (nothing filters it)', () => {
      const { app } = patched();
      const obj = synth(app).charts[0].objects[0].json;
      expect(obj.spec.selector.matchLabels['app.kubernetes.io/name']).toBe('other');
      expect(obj.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('web');
    });

    test('app.synth() throws a SynthError with the selector-match issue', () => {
      const { app } = patched();
      let caught: unknown;
      try {
        app.synth();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(SynthError);
      const err = caught as SynthError;
      expect(err.issues.some((i) => i.ruleId === 'selector-match' && i.constructPath === 'test/web')).toBe(true);
      expect(err.message).toContain('selector-match');
      expect(() => app.synthYaml()).toThrow(SynthError);
    });

    // BUG (reported): SynthError's message lists rule findings without their construct path, so a user who
    // runs the app directly (cdk8s synth, node main.js) cannot tell which construct is wrong.
    test('the SynthError message names the construct path', () => {
      const { app } = patched();
      expect(() => app.synth()).toThrow(/test\/web/);
    });

    test('removing the selector is reported as well', () => {
      const { app, web } = webDeployment();
      web.addJsonPatch(JsonPatch.remove('/spec/selector'));
      const [issue] = expectSynthError(app, 'no spec.selector');
      expect(issue.constructPath).toBe('test/web');
    });

    test('changing a template label the selector uses is reported', () => {
      const { app, web } = webDeployment();
      web.addJsonPatch(JsonPatch.replace('/spec/template/metadata/labels/app.kubernetes.io~1instance', 'x'));
      const [issue] = expectSynthError(app, 'spec.selector does not match', 'app.kubernetes.io/instance');
      expect(issue.constructPath).toBe('test/web');
    });
  });

  test('resources.limits["nvidia.com/gpu"] given as a prop is kept', () => {
    const { app, chart } = newChart();
    new Deployment(chart, 'train', {
      containers: [{ image: 'trainer:1.0', resources: { requests: { cpu: '4', memory: '16Gi' }, limits: { 'nvidia.com/gpu': 2, memory: '16Gi' } } }],
    });
    expect(containerOf(oneOfKind(app, 'Deployment')).resources).toEqual({ requests: { cpu: '4', memory: '16Gi' }, limits: { 'nvidia.com/gpu': 2, memory: '16Gi' } });
  });

  test('resources.limits["nvidia.com/gpu"] added with a JSON patch is kept, in the JSON and the YAML', () => {
    const { app, web } = webDeployment();
    ApiObject.of(web).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/resources/limits', { 'nvidia.com/gpu': '1' }));
    const c = containerOf(oneOfKind(app, 'Deployment'));
    expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { 'nvidia.com/gpu': '1' } });
    expect(app.synthYaml()).toContain('nvidia.com/gpu');
  });

  function patchUnknownFields(web: Deployment): void {
    web.addJsonPatch(
      JsonPatch.add('/spec/template/spec/runtimeClassName', 'gvisor'),
      JsonPatch.add('/spec/template/spec/x-custom', { nested: [1, 2] }),
      JsonPatch.add('/status', { note: 'kept' }),
    );
  }

  test('unknown fields added with JsonPatch.add are errors of the strict schema, naming their pointers', () => {
    const { app, web } = webDeployment();
    patchUnknownFields(web);
    const unknown = synth(app).issues.filter((i) => i.ruleId === 'unknown-field');
    expect(unknown.map((i) => [i.severity, i.constructPath, i.jsonPointer])).toEqual([
      ['error', 'test/web', '/spec/template/spec/x-custom'],
      ['error', 'test/web', '/status/note'],
    ]);
    expect(() => app.synthYaml()).toThrow(SynthError);
  });

  test('unknown fields added with JsonPatch.add are kept when the unknown-field rule is turned off', () => {
    const { app, web } = webDeployment({ rules: { 'unknown-field': 'off' } });
    patchUnknownFields(web);
    const obj = oneOfKind(app, 'Deployment');
    expect(obj.spec.template.spec.runtimeClassName).toBe('gvisor');
    expect(obj.spec.template.spec['x-custom']).toEqual({ nested: [1, 2] });
    expect(obj.status).toEqual({ note: 'kept' });
    const yaml = app.synthYaml();
    expect(yaml).toContain('runtimeClassName: gvisor');
    expect(yaml).toContain('x-custom:');
  });

  test('metadata labels and annotations added through the cdk8s metadata API are rendered', () => {
    const { app, web } = webDeployment();
    web.metadata.addLabel('cost-center', 'eng');
    web.metadata.addAnnotation('example.com/owner', 'team-a');
    const md = oneOfKind(app, 'Deployment').metadata;
    expect(md.labels['cost-center']).toBe('eng');
    expect(md.annotations).toEqual({ 'example.com/owner': 'team-a' });
  });

  test('a patch whose path does not exist is reported with the construct path instead of crashing', () => {
    const { app, web } = webDeployment();
    web.addJsonPatch(JsonPatch.replace('/spec/nothing/here', 1));
    const issues = synth(app).issues.filter((i) => i.ruleId === 'json-patch');
    expect(issues).toHaveLength(1);
    expect(issues[0].constructPath).toBe('test/web');
    expect(issues[0].message).toContain('test/web');
  });

  test('a patched name that breaks the naming rule is caught at synth', () => {
    const { app, web } = webDeployment();
    web.addJsonPatch(JsonPatch.replace('/metadata/name', 'Bad_Name'));
    const [issue] = expectSynthError(app, '"Bad_Name"');
    expect(issue.constructPath).toBe('test/web');
  });
});
