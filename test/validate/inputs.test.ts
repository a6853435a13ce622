import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { allIssues } from '../../lib/report/types';
import { collectInputs, validateFiles } from '../../lib/validate';

const CM = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kf-inputs-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('collectInputs', () => {
  test('directories: recursive, .yaml/.yml/.json only, sorted by path whatever the creation order', () => {
    const dir = tree({ 'z.yaml': '', 'b/x.yml': '', 'a.json': '', 'b/a/deep.YAML': '', 'notes.txt': '', 'b.yaml': '', 'A.yaml': '' });
    const r = collectInputs(['.'], dir);
    expect(r.errors).toEqual([]);
    expect(r.files.map((f) => [f.display, f.format])).toEqual([
      ['A.yaml', 'yaml'],
      ['a.json', 'json'],
      ['b.yaml', 'yaml'],
      [path.join('b', 'a', 'deep.YAML'), 'yaml'],
      [path.join('b', 'x.yml'), 'yaml'],
      ['z.yaml', 'yaml'],
    ]);
  });

  test('paths are shown as given; an explicit file is read whatever its extension', () => {
    const dir = tree({ 'k8s/app.yaml': '', 'manifest.txt': '' });
    expect(collectInputs(['k8s', 'manifest.txt'], dir).files.map((f) => f.display)).toEqual([path.join('k8s', 'app.yaml'), 'manifest.txt']);
  });

  test('a missing path is an io issue naming it; the other inputs are still collected', () => {
    const dir = tree({ 'a.yaml': '' });
    const r = collectInputs(['missing.yaml', 'a.yaml'], dir);
    expect(r.files.map((f) => f.display)).toEqual(['a.yaml']);
    expect(r.errors).toEqual([expect.objectContaining({ ruleId: 'io', severity: 'error', file: 'missing.yaml', message: expect.stringContaining('ENOENT') })]);
  });

  test('- is stdin', () => {
    expect(collectInputs(['-'], os.tmpdir()).files).toEqual([{ display: '<stdin>', format: 'yaml' }]);
  });
});

describe('validateFiles', () => {
  test('reads directories and stdin, and reports each finding at its file', () => {
    const dir = tree({ 'apps/web.yaml': CM('Bad_Web'), 'apps/db.yaml': CM('good') });
    const r = validateFiles(['apps', '-'], { cwd: dir, readStdin: () => `# piped\n${CM('Bad_Stdin')}` });
    expect(r.files.map((f) => f.file)).toEqual([path.join('apps', 'db.yaml'), path.join('apps', 'web.yaml'), '<stdin>']);
    expect(allIssues(r).map((i) => [i.file, i.line])).toEqual([[path.join('apps', 'web.yaml'), 4], ['<stdin>', 5]]);
  });

  test('an unreadable input is reported, and the readable ones are still validated', () => {
    const dir = tree({ 'ok.yaml': CM('Bad_Name') });
    const r = validateFiles(['ok.yaml', 'gone'], { cwd: dir });
    expect(allIssues(r).map((i) => `${i.file}:${i.ruleId}`)).toEqual(['ok.yaml:object-metadata', 'gone:io']);
  });
});

test('a file named twice (directly and under a directory) is read once', () => {
  const dir = tree({ 'k8s/a.yaml': CM('a'), 'k8s/b.yaml': CM('b') });
  expect(collectInputs(['k8s/a.yaml', 'k8s', './k8s/b.yaml'], dir).files.map((f) => f.display)).toEqual(['k8s/a.yaml', path.join('k8s', 'b.yaml')]);
  expect(allIssues(validateFiles(['k8s/a.yaml', 'k8s'], { cwd: dir }))).toEqual([]);
});
