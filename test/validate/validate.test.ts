import { allIssues, Report } from '../../lib/report/types';
import { Source, validateSources } from '../../lib/validate';

const yaml = (text: string, file = 'm.yaml'): Source => ({ file, text, format: 'yaml' });
const json = (text: string, file = 'm.json'): Source => ({ file, text, format: 'json' });

/** ruleId@line for every issue. */
function found(report: Report): string[] {
  return allIssues(report).map((i) => `${i.ruleId}@${i.line}`);
}

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
const BAD = cm('Bad_Name');
const GOOD = cm('good');

describe('validateSources: documents', () => {
  test('each `---` document is an object, located at its first content line', () => {
    const r = validateSources([yaml(`# file header\n${GOOD}---\n\n# comment\n${BAD}`)]);
    expect(r.files[0].cases.map((c) => [c.name, c.line])).toEqual([['ConfigMap/good', 2], ['ConfigMap/Bad_Name', 9]]);
    expect(found(r)).toEqual(['object-metadata@12']);
  });

  test('an issue carries file, line of the offending field, pointer, message and fix, and no construct path', () => {
    const [issue] = allIssues(validateSources([yaml(`${GOOD}---\n${BAD}`)]));
    expect(issue).toEqual({
      ruleId: 'object-metadata',
      severity: 'error',
      message: expect.stringContaining('"Bad_Name"'),
      fix: expect.any(String),
      file: 'm.yaml',
      line: 9,
      jsonPointer: '/metadata/name',
    });
  });

  test('a field that is missing is reported at the document\'s first line', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n';
    const [issue] = allIssues(validateSources([yaml(`${GOOD}---\n${pod}`)]));
    expect(issue).toMatchObject({ ruleId: 'containers', jsonPointer: '/spec/containers/0/image', line: 6 });
  });

  test('`...` ends a document (what follows it is never read), and `--- {...}` is refused as kubectl refuses it', () => {
    const r = validateSources([yaml(`${BAD}...\n${cm('Ignored_Too')}---\n${cm('Bad_Two')}--- {apiVersion: v1, kind: ConfigMap}\n`)]);
    expect(found(r)).toEqual(['object-metadata@4', 'yaml-read@6', 'object-metadata@14', 'parse@15']);
  });

  test('empty documents are ignored', () => {
    const r = validateSources([yaml(`---\n---\n# nothing here\n---\n${GOOD}---\n~\n---\n`)]);
    expect(r.files[0].cases.map((c) => c.name)).toEqual(['ConfigMap/good']);
    expect(found(r)).toEqual([]);
  });

  test('fragments that are not objects are reported, never skipped', () => {
    const r = validateSources([yaml(`${GOOD}---\njust a string\n---\n- a\n- b\n---\n42\n`)]);
    expect(found(r)).toEqual(['not-an-object@6', 'not-an-object@8', 'not-an-object@11']);
    expect(allIssues(r)[1].message).toContain('an array (["a","b"])');
    expect(r.files[0].cases.filter((c) => !c.isObject)).toHaveLength(3);
  });
});

describe('validateSources: List kinds', () => {
  const list = `apiVersion: v1
kind: List
items:
- ${GOOD.trimEnd().replace(/\n/g, '\n  ')}
- ${BAD.trimEnd().replace(/\n/g, '\n  ')}
- "a string item"
`;

  test('each item is an object of its own, at its own line, with /items/N pointers', () => {
    const r = validateSources([yaml(list)]);
    expect(r.files[0].cases.map((c) => [c.name, c.line])).toEqual([['ConfigMap/good', 4], ['ConfigMap/Bad_Name', 8], ['List item 2 at line 12', 12]]);
    expect(allIssues(r).map((i) => [i.ruleId, i.line, i.jsonPointer])).toEqual([
      ['object-metadata', 11, '/items/1/metadata/name'],
      ['not-an-object', 12, '/items/2'],
    ]);
  });

  test('typed lists (DeploymentList, ConfigMapList) are lists too', () => {
    const r = validateSources([yaml(list.replace('kind: List', 'kind: ConfigMapList'))]);
    expect(r.files[0].cases).toHaveLength(3);
  });
});

describe('validateSources: JSON', () => {
  test('one object, with pointer lines', () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } }, null, 2);
    expect(found(validateSources([json(text)]))).toEqual(['object-metadata@5']);
  });

  test('a List, each item at its own line', () => {
    const item = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [item('good'), item('Bad_Name')] }, null, 2);
    const r = validateSources([json(text)]);
    expect(r.files[0].cases.map((c) => c.line)).toEqual([5, 12]);
    expect(found(r)).toEqual(['object-metadata@16']);
  });

  test('a JSON syntax error names line and column', () => {
    const [issue] = allIssues(validateSources([json('{\n  "kind": "ConfigMap",\n  "metadata": {"name": "x"]\n}\n')]));
    expect(issue).toMatchObject({ ruleId: 'parse', severity: 'error', file: 'm.json', line: 3 });
    expect(issue.message).toMatch(/^not valid JSON: /);
  });

  test('JSON that JSON.parse refuses but YAML reads (a trailing comma) is read, as kubectl reads it', () => {
    const r = validateSources([json('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "Bad_Name"},}\n')]);
    expect(found(r)).toEqual(['object-metadata@1']);
  });
});

describe('validateSources: YAML syntax errors', () => {
  test('report file:line:column, and the other documents and files are still checked', () => {
    const broken = `${BAD}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   labels: {}\n---\n${cm('Bad_Two')}`;
    const r = validateSources([yaml(broken), yaml(cm('Bad_Three'), 'other.yaml')]);
    const issues = allIssues(r);
    expect(issues.map((i) => [i.file, i.ruleId, i.line, i.column])).toEqual([
      ['m.yaml', 'object-metadata', 4, undefined],
      ['m.yaml', 'parse', 10, 10],
      ['m.yaml', 'object-metadata', 15, undefined],
      ['other.yaml', 'object-metadata', 4, undefined],
    ]);
    expect(issues[1].message).toMatch(/^not valid YAML: bad indentation/);
  });

  test('a duplicate key is read as kubectl reads it (the last wins), with a warning at the second key', () => {
    const r = validateSources([yaml(`${GOOD}  name: Bad_Again\n`)]);
    expect(found(r)).toEqual(['yaml-read@5', 'object-metadata@5']);
    expect(r.files[0].cases[0].name).toBe('ConfigMap/Bad_Again');
    expect(allIssues(r)[0]).toMatchObject({ severity: 'warning', column: 3 });
    expect(allIssues(r)[0].message).toContain('"name" appears twice');
  });

});

describe('validateSources: cross-object rules and rule configuration', () => {
  test('a set rule (duplicate-object) is located at the second object\'s field', () => {
    const r = validateSources([yaml(GOOD), yaml(`# again\n${GOOD}`, 'b.yaml')]);
    expect(allIssues(r).map((i) => [i.ruleId, i.file, i.line])).toEqual([['duplicate-object', 'b.yaml', 5]]);
  });

  test('--rule severities reach the engine', () => {
    expect(allIssues(validateSources([yaml(BAD)], { rules: { 'object-metadata': 'warning' } }))[0].severity).toBe('warning');
    expect(allIssues(validateSources([yaml(BAD)], { rules: { 'object-metadata': 'off' } }))).toEqual([]);
  });
});
