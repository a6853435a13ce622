import { liveObjectFieldsRule as rule } from '../../../lib/rules/apiserver/live-object-fields';
import { broken, fixtures, run } from './fixtures';

describe('live-object-fields', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  test('managedFields and uid (rejected by server-side apply) are errors at their pointers', () => {
    const obj = broken(fixtures.deployment(), (o) => {
      o.metadata.managedFields = [{ manager: 'kubectl-edit', operation: 'Update' }];
      o.metadata.uid = '5b7c2a0e-93f1-4c55-8d1e-2f6a9c0b7d41';
    });
    const found = run(rule, obj);
    expect(found.map((i) => [i.severity, i.jsonPointer])).toEqual([
      ['error', '/metadata/managedFields'],
      ['error', '/metadata/uid'],
    ]);
    expect(found[0].message).toContain('managedFields must be nil');
    expect(found[1].fix).toMatch(/remove the fields the API server sets/);
  });

  test('resourceVersion, creationTimestamp and status are one warning naming them all', () => {
    const obj = broken(fixtures.deployment(), (o) => {
      o.metadata.resourceVersion = '482913';
      o.metadata.creationTimestamp = '2026-11-02T09:14:27Z';
      o.status = { replicas: 2 };
    });
    const found = run(rule, obj);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', jsonPointer: '/metadata/resourceVersion' });
    expect(found[0].message).toBe('resourceVersion, creationTimestamp, status are set by the API server; in a manifest they are ignored, and a stale resourceVersion makes later updates conflict');
  });

  test('creationTimestamp: null (what kubectl writes for templates and dry runs) and an empty status are fine', () => {
    const obj = broken(fixtures.deployment(), (o) => {
      o.metadata.creationTimestamp = null;
      o.status = {};
    });
    expect(run(rule, obj)).toEqual([]);
  });
});
