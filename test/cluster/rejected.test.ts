/**
 * The negative set: objects that kubeforge's escape hatch can still produce when validation is switched off.
 * The API server must reject each one with the field it names, while the unpatched twin is accepted. This is
 * what proves the cluster suite can fail.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch } from '../../lib';
import { Deployment, PersistentVolumeClaim, Pod, Service } from '../../constructs';
import { kubectl, tempDir, warningsOf } from './kube';

type Build = (chart: Chart) => ApiObject;

const dir = tempDir('kubeforge-rejected-');
let counter = 0;

/** Synthesizes one object with validation off (the escape hatch path) and dry-runs it on the server. */
function dryRun(build: Build, patches: JsonPatch[]): { code: number; stderr: string } {
  const app = new App({ outdir: dir, validate: false });
  const chart = new Chart(app, `neg${counter++}`);
  const obj = build(chart);
  if (patches.length > 0) ApiObject.of(obj).addJsonPatch(...patches);
  const file = path.join(dir, `${chart.node.id}.yaml`);
  fs.writeFileSync(file, app.synthYaml());
  const r = kubectl(['apply', '--server-side', '--dry-run=server', '--validate=strict', '--field-manager=kubeforge-test', '-f', file]);
  return { code: r.code, stderr: r.stderr };
}

const web: Build = (c) => new Deployment(c, 'web', { containers: [{ image: 'nginx:1.27', port: 80 }] });
const pod: Build = (c) => new Pod(c, 'pod', { containers: [{ image: 'nginx:1.27' }] });
const svc: Build = (c) =>
  new Service(c, 'svc', { ports: [{ port: 80, targetPort: 8080 }] });
const claim: Build = (c) => new PersistentVolumeClaim(c, 'data', { storage: '1Gi' });

const cases: Array<[string, Build, JsonPatch[], RegExp]> = [
  ['selector that does not match the template labels', web,
    [JsonPatch.replace('/spec/selector/matchLabels/app.kubernetes.io~1name', 'other')],
    /`selector` does not match template `labels`/],
  ['container without an image', pod, [JsonPatch.remove('/spec/containers/0/image')],
    /spec\.containers\[0\]\.image: Required value/],
  ['Service port out of range', svc, [JsonPatch.replace('/spec/ports/0/port', 70000)],
    /spec\.ports\[0\]\.port: Invalid value: 70000/],
  ['unknown field (a typo of replicas)', web, [JsonPatch.add('/spec/replica', 2)],
    /\.spec\.replica: field not declared in schema/],
  ['spec indented under metadata', pod, [JsonPatch.add('/metadata/spec', { restartPolicy: 'Never' })],
    /\.metadata\.spec: field not declared in schema/],
  ['label value that is not a valid label', pod, [JsonPatch.add('/metadata/labels/tier', '-bad-')],
    /metadata\.labels: Invalid value: "-bad-"/],
  ['PersistentVolumeClaim without a storage request', claim, [JsonPatch.remove('/spec/resources/requests')],
    /spec\.resources\[storage\]: Required value/],
];

describe.each(cases)('%s', (_title, build, patches, expected) => {
  test('the unpatched twin is accepted with no warnings', () => {
    const r = dryRun(build, []);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: r.stderr });
    expect(warningsOf(r.stderr)).toEqual([]);
  });

  test('the API server rejects the patched object, naming the field', () => {
    const r = dryRun(build, patches);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(expected);
  });
});
