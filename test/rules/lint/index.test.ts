import { ALL_RULES, validateObjects } from '../../../lib/rules';
import { LINT_OBJECT_RULES, LINT_SET_RULES, RECOMMENDED, STRICT } from '../../../lib/rules/lint';
import { container, deployment, hpa, inFile, service } from './fixtures';

const LINT_IDS = [
  'service-selects-no-pod', 'service-target-port', 'hpa-target-missing', 'hpa-no-requests', 'hpa-fixed-replicas', 'pvc-no-match',
  'pv-pvc-mismatch', 'missing-reference', 'probe-port', 'image-latest-tag', 'missing-requests', 'missing-limits',
  'privileged-container', 'run-as-root', 'namespace-missing', 'duplicate-object',
];

describe('lint registry and presets', () => {
  const lints = [...LINT_OBJECT_RULES, ...LINT_SET_RULES];

  test('exactly the agreed ids, each once, category lint, with a description', () => {
    expect(lints.map((r) => r.id).sort()).toEqual([...LINT_IDS].sort());
    for (const r of lints) {
      expect(r.category).toBe('lint');
      expect(r.description.length).toBeGreaterThan(20);
    }
  });

  test('the engine runs every lint', () => {
    const ids = new Set(ALL_RULES.map((r) => r.id));
    for (const id of LINT_IDS) expect(ids.has(id)).toBe(true);
  });

  test('RECOMMENDED holds each default severity; STRICT makes every lint an error', () => {
    expect(RECOMMENDED).toEqual(Object.fromEntries(lints.map((r) => [r.id, r.defaultSeverity])));
    expect(RECOMMENDED['run-as-root']).toBe('warning');
    expect(RECOMMENDED['pv-pvc-mismatch']).toBe('error');
    expect(Object.keys(STRICT).sort()).toEqual([...LINT_IDS].sort());
    expect(Object.values(STRICT).every((s) => s === 'error')).toBe(true);
  });

  test('through validateObjects, file objects get file and line, and STRICT turns lint warnings into errors', () => {
    const set = inFile(
      deployment('web', { replicas: 2, spec: { containers: [container({ image: 'nginx' })] } }),
      service('web', { app: 'web' }),
      hpa('web', { kind: 'Deployment', name: 'web' }),
    );
    const found = validateObjects(set);
    const latest = found.find((i) => i.ruleId === 'image-latest-tag');
    expect(latest).toMatchObject({ severity: 'warning', file: 'app.yaml', line: 1, jsonPointer: '/spec/template/spec/containers/0/image' });
    expect(latest?.constructPath).toBeUndefined();
    expect(found.find((i) => i.ruleId === 'hpa-fixed-replicas')).toMatchObject({ severity: 'warning', file: 'app.yaml', line: 1 });
    expect(found.filter((i) => i.severity === 'error')).toEqual([]);
    const strict = validateObjects(set, { rules: STRICT });
    expect(strict.filter((i) => i.ruleId === 'image-latest-tag' || i.ruleId === 'hpa-fixed-replicas').map((i) => i.severity)).toEqual(['error', 'error']);
  });
});
