import { indexesProblem, jobGatedFieldsRule as rule } from '../../../lib/rules/apiserver/job-gated-fields';
import { Obj, PATH } from './fixtures';

const job = (spec: Obj): Obj => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'work' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'w', image: 'busybox' }] } }, ...spec },
});
const indexed = (successPolicy: Obj, completions = 5) => job({ completionMode: 'Indexed', completions, parallelism: 2, successPolicy });
const cron = (spec: Obj): Obj => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * * * *', jobTemplate: { spec: job(spec).spec } } });
const at = (o: Obj, k8sVersion?: string) => rule.check(o, PATH, k8sVersion ? { k8sVersion } : undefined);
const pointers = (o: Obj, v?: string) => at(o, v).map((i) => i.jsonPointer);

describe('job-gated-fields', () => {
  describe('managedBy (JobManagedBy: off before 1.32)', () => {
    test.each<[string, string]>([
      ['no domain', 'my-controller'],
      ['an upper-case domain', 'Example.com/ctl'],
      ['an empty path', 'example.com/'],
      ['more than 63 characters', `example.com/${'x'.repeat(60)}`],
    ])('rejects %s', (_t, managedBy) => {
      const issues = at(job({ managedBy }));
      expect(issues.map((i) => i.jsonPointer)).toEqual(['/spec/managedBy']);
      expect(issues[0]).toMatchObject({ ruleId: 'job-gated-fields', severity: 'error', constructPath: PATH });
      expect(issues[0].fix).toBeTruthy();
    });
    test('the empty string is rejected', () => {
      expect(at(job({ managedBy: '' }))[0].message).toContain('empty string');
    });
    test.each(['kubernetes.io/job-controller', 'kueue.x-k8s.io/multikueue'])('accepts %s', (managedBy) => {
      expect(at(job({ managedBy }))).toEqual([]);
    });
    test('1.31 drops the field (gate off): nothing to report; 1.32 checks it', () => {
      expect(at(job({ managedBy: 'bad' }), '1.31')).toEqual([]);
      expect(pointers(job({ managedBy: 'bad' }), '1.32')).toEqual(['/spec/managedBy']);
    });
    test('CronJob job templates are checked too', () => {
      expect(pointers(cron({ managedBy: 'bad' }))).toEqual(['/spec/jobTemplate/spec/managedBy']);
      expect(at(cron({ managedBy: 'example.com/ok' }))).toEqual([]);
    });
  });

  describe('successPolicy (JobSuccessPolicy: off in 1.30)', () => {
    test('requires Indexed completion', () => {
      const issues = at(job({ completions: 3, successPolicy: { rules: [{ succeededCount: 1 }] } }));
      expect(issues.map((i) => i.jsonPointer)).toEqual(['/spec/successPolicy']);
      expect(issues[0].message).toContain('requires completionMode Indexed');
      expect(at(job({ completions: 3, successPolicy: { rules: [{ succeededCount: 1 }] } }), '1.30')).toEqual([]);
    });
    test.each<[string, Obj, string, string]>([
      ['no rules', { rules: [] }, '/spec/successPolicy/rules', 'at least one'],
      ['21 rules', { rules: Array.from({ length: 21 }, () => ({ succeededCount: 1 })) }, '/spec/successPolicy/rules', 'at most 20'],
      ['an empty rule', { rules: [{}] }, '/spec/successPolicy/rules/0', 'succeededCount or succeededIndexes'],
      ['an index at completions', { rules: [{ succeededIndexes: '0,5' }] }, '/spec/successPolicy/rules/0/succeededIndexes', 'too large'],
      ['a descending list', { rules: [{ succeededIndexes: '3,1' }] }, '/spec/successPolicy/rules/0/succeededIndexes', 'ascending'],
      ['a one-index range "2-2"', { rules: [{ succeededIndexes: '2-2' }] }, '/spec/successPolicy/rules/0/succeededIndexes', 'does not go up'],
      ['a count above completions', { rules: [{ succeededCount: 6 }] }, '/spec/successPolicy/rules/0/succeededCount', 'more than completions'],
      ['a count above the listed indexes', { rules: [{ succeededIndexes: '0-1', succeededCount: 3 }] }, '/spec/successPolicy/rules/0/succeededCount', 'the 2 indexes'],
      ['a negative count', { rules: [{ succeededCount: -1 }] }, '/spec/successPolicy/rules/0/succeededCount', 'greater than or equal to 0'],
      ['an index not below completions (5)', { rules: [{ succeededIndexes: '0,5' }] }, '/spec/successPolicy/rules/0/succeededIndexes', 'index 5'],
      ['decreasing intervals', { rules: [{ succeededIndexes: '3-4,1' }] }, '/spec/successPolicy/rules/0/succeededIndexes', 'ascending order'],
    ])('rejects %s', (_t, policy, pointer, fragment) => {
      const issues = at(indexed(policy));
      expect(issues.map((i) => i.jsonPointer)).toEqual([pointer]);
      expect(issues[0].message).toContain(fragment);
    });
    test.each<[string, Obj]>([
      ['indexes and a count', { rules: [{ succeededIndexes: '0,2-4', succeededCount: 2 }] }],
      ['a zero count', { rules: [{ succeededCount: 0 }] }],
      ['a count equal to completions', { rules: [{ succeededCount: 5 }] }],
      ['indexes and a count equal to their number', { rules: [{ succeededIndexes: '0,2-4', succeededCount: 4 }] }],
    ])('accepts %s', (_t, policy) => {
      expect(at(indexed(policy))).toEqual([]);
    });
  });

  test('as the server: a count is compared with 0 indexes when succeededIndexes does not parse, and each count limit is its own error', () => {
    expect(pointers(indexed({ rules: [{ succeededIndexes: '3,1', succeededCount: 1 }] }))).toEqual(['/spec/successPolicy/rules/0/succeededIndexes', '/spec/successPolicy/rules/0/succeededCount']);
    expect(at(indexed({ rules: [{ succeededIndexes: '0-1', succeededCount: 6 }] })).map((i) => i.message)).toEqual([
      expect.stringContaining('more than completions (5)'), expect.stringContaining('the 2 indexes'),
    ]);
  });

  test('successPolicy is checked from 1.31 (JobSuccessPolicy on), managedBy from 1.32', () => {
    const policy = job({ completions: 3, successPolicy: { rules: [{ succeededCount: 1 }] } });
    expect(pointers(policy, '1.31')).toEqual(['/spec/successPolicy']);
    expect(pointers(job({ managedBy: 'kueue' }), '1.32')).toEqual(['/spec/managedBy']);
    expect(at(job({ managedBy: `example.com/${'a'.repeat(60)}` }))[0].message).toContain('at most 63');
  });

  test.each<[string, number, number, string | undefined]>([
    ['', 5, 0, undefined],
    ['0', 5, 1, undefined],
    ['0,2-4', 5, 4, undefined],
    ['+1', 5, 1, undefined],
    ['1-1', 5, 0, 'does not go up'],
    ['0-2-3', 5, 0, 'more than two parts'],
    ['a', 5, 0, 'not an integer index'],
    ['3,1', 5, 0, 'ascending order'],
    ['5', 5, 0, 'too large'],
  ])('succeededIndexes %j with %d completions: %d indexes', (text, completions, total, problem) => {
    const r = indexesProblem(text, completions);
    expect(r.total).toBe(total);
    if (problem) expect(r.problem).toContain(problem);
    else expect(r.problem).toBeUndefined();
  });

  test('other kinds and garbage are ignored without throwing', () => {
    expect(rule.check({ kind: 'Deployment', spec: { managedBy: 'x' } }, PATH)).toEqual([]);
    expect(rule.check(null as unknown as Obj, PATH)).toEqual([]);
    expect(rule.check({ kind: 'Job', spec: { managedBy: 3, successPolicy: 'x' } }, PATH)).toEqual([]);
    expect(rule.check({ kind: 'Job', spec: { completionMode: 'Indexed', completions: 'x', successPolicy: { rules: [null, { succeededIndexes: 7 }] } } }, PATH)).toEqual([]);
  });
});
