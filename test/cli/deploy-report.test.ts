/** What deploy prints: the change counts, the summary line, progress per object, and the report of a failed update. */
import type { EngineEvent } from '@pulumi/pulumi/automation';
import {
  countChanges, formatCounts, formatFailure, formatSummary, hasChanges, plain, ProgressTracker, shortType, typeOfUrn, urnName,
} from '../../lib/cli/deploy-report';

const URN = (type: string, name: string) => `urn:pulumi:dev::shop::${type}::${name}`;
const DEPLOY = 'kubernetes:apps/v1:Deployment';
const SERVICE = 'kubernetes:core/v1:Service';

let seq = 0;
function pre(op: string, type: string, name: string, planning = false): EngineEvent {
  return { sequence: seq++, timestamp: 0, resourcePreEvent: { metadata: { op, urn: URN(type, name), type, provider: '' } as any, planning } };
}
function done(op: string, type: string, name: string): EngineEvent {
  return { sequence: seq++, timestamp: 0, resOutputsEvent: { metadata: { op, urn: URN(type, name), type, provider: '' } as any } };
}
function diag(severity: 'error' | 'warning' | 'info', message: string, urn?: string, ephemeral = false): EngineEvent {
  return { sequence: seq++, timestamp: 0, diagnosticEvent: { urn, message, color: 'never', severity, ephemeral } };
}
function failed(op: string, type: string, name: string): EngineEvent {
  return { sequence: seq++, timestamp: 0, resOpFailedEvent: { metadata: { op, urn: URN(type, name), type, provider: '' } as any, status: 1, steps: 1 } };
}

describe('change counts', () => {
  test('Pulumi ops fold into created / updated / replaced / unchanged / deleted; replace halves are not counted twice', () => {
    const c = countChanges({ create: 3, import: 1, update: 2, same: 10, read: 1, delete: 4, replace: 1, 'create-replacement': 1, 'delete-replaced': 1 });
    expect(c).toEqual({ created: 4, updated: 2, replaced: 1, unchanged: 11, deleted: 4 });
    expect(hasChanges(c)).toBe(true);
  });

  test('an empty or missing summary is no change', () => {
    expect(countChanges(undefined)).toEqual({ created: 0, updated: 0, replaced: 0, unchanged: 0, deleted: 0 });
    expect(hasChanges(countChanges({ same: 14 }))).toBe(false);
  });

  test('formatCounts names the four counts always, replaced only when there are any; preview speaks of the future', () => {
    expect(formatCounts(countChanges({ create: 2, same: 1 }), 'deploy')).toBe('2 created, 0 updated, 1 unchanged, 0 deleted');
    expect(formatCounts(countChanges({ replace: 1 }), 'deploy')).toBe('0 created, 0 updated, 1 replaced, 0 unchanged, 0 deleted');
    expect(formatCounts(countChanges({ create: 2, delete: 1 }), 'preview')).toBe('2 to create, 0 to update, 0 unchanged, 1 to delete');
  });

  test('formatSummary: verb, environment, stack only when it differs, time; a preview without changes says so', () => {
    const s = formatSummary('deploy', countChanges({ create: 21 }), { env: 'dev', stack: 'dev', seconds: 42.25 });
    expect(s).toMatch(/^kubeforge: deployed environment dev: 21 created, 0 updated, 0 unchanged, 0 deleted, in 42\.3 s/);
    // A destroy runs the program, so Pulumi also counts each resource as "same": only the deletions are news.
    expect(formatSummary('destroy', countChanges({ delete: 3, same: 3 }), { env: 'dev', stack: 'dev-eu', seconds: 1 })).toContain('destroyed environment dev (stack dev-eu): 3 deleted, in 1.0 s');
    expect(formatSummary('preview', countChanges({ same: 5 }), { env: 'dev', stack: 'dev', seconds: 1 })).toContain('5 unchanged, 0 to delete (no changes)');
  });
});

describe('names', () => {
  test('shortType, urnName and typeOfUrn read Pulumi tokens and URNs', () => {
    expect(shortType(DEPLOY)).toBe('Deployment');
    expect(shortType('pulumi:providers:kubernetes')).toBe('Provider(kubernetes)');
    expect(urnName(URN(DEPLOY, 'dev/webapp/web'))).toBe('dev/webapp/web');
    expect(typeOfUrn(URN(DEPLOY, 'x'))).toBe(DEPLOY);
    expect(typeOfUrn(`urn:pulumi:dev::shop::my:Component$${SERVICE}::x`)).toBe(SERVICE);
    expect(typeOfUrn('not-a-urn')).toBe('');
  });

  test('plain strips Pulumi color markup and ANSI codes', () => {
    expect(plain('<{%fg 1%}>error<{%reset%}>: \u001b[31mboom\u001b[0m')).toBe('error: boom');
  });
});

describe('ProgressTracker', () => {
  function tracker(op: 'deploy' | 'preview' | 'destroy' = 'deploy') {
    const lines: string[] = [];
    let t = 0;
    const tr = new ProgressTracker(op, (s) => lines.push(s), () => (t += 1500));
    tr.register([
      { name: 'dev/webapp/web', type: DEPLOY, constructPath: 'webapp/web' },
      { name: 'dev/webapp/web-service', type: SERVICE, constructPath: 'webapp/web-service' },
      { name: 'dev/db/server', type: DEPLOY, constructPath: 'db/server' },
    ]);
    return { tr, lines };
  }

  test('a start and a done line per changed object, named by construct path, with its duration; unchanged ones are silent', () => {
    const { tr, lines } = tracker();
    tr.onEvent(pre('create', 'pulumi:pulumi:Stack', 'shop-dev'));
    tr.onEvent(pre('create', DEPLOY, 'dev/webapp/web'));
    tr.onEvent(done('create', DEPLOY, 'dev/webapp/web'));
    tr.onEvent(pre('same', SERVICE, 'dev/webapp/web-service'));
    tr.onEvent(done('same', SERVICE, 'dev/webapp/web-service'));
    expect(lines).toEqual(['  creating Deployment webapp/web ...\n', '  created Deployment webapp/web (1.5 s)\n']);
  });

  test('a preview prints the plan, one line per change', () => {
    const { tr, lines } = tracker('preview');
    tr.onEvent(pre('create', DEPLOY, 'dev/webapp/web', true));
    tr.onEvent(pre('delete', SERVICE, 'dev/old', true));
    expect(lines).toEqual(['  create    Deployment webapp/web\n', '  delete    Service dev/old\n']);
  });

  test('diagnostics: errors and warnings always, ephemeral status never', () => {
    const { tr, lines } = tracker();
    tr.onEvent(diag('info', 'waiting for rollout', URN(DEPLOY, 'dev/webapp/web'), true));
    tr.onEvent(diag('warning', 'deprecated field', URN(DEPLOY, 'dev/webapp/web')));
    tr.onEvent(diag('error', 'update failed', undefined));
    expect(lines).toEqual(['  warning: Deployment webapp/web: deprecated field\n', '  error: update failed\n']);
    expect(tr.generalErrors).toEqual(['update failed']);
  });

  test("the engine's debug messages are not shown", () => {
    const { tr, lines } = tracker();
    tr.onEvent(diag('debug' as 'info', 'Registering resource: t=pulumi:pulumi:Stack'));
    tr.onEvent(diag('info', 'a message from the program'));
    expect(lines).toEqual(['  a message from the program\n']);
  });

  test('a failed preview lists only what failed (a preview applies nothing)', () => {
    const { tr } = tracker('preview');
    tr.onEvent(pre('create', 'pulumi:providers:kubernetes', 'kubeforge-dev', true));
    tr.onEvent(diag('error', 'no resource plugin found', URN('pulumi:providers:kubernetes', 'kubeforge-dev')));
    expect(formatFailure('preview', tr.outcome(), 'dev')).toBe('kubeforge: preview of environment dev failed:\n    Provider(kubernetes) kubeforge-dev: no resource plugin found\n');
  });

  test('the outcome of a failed update: applied, unchanged, failed with its error, in progress, and never reached', () => {
    const { tr } = tracker();
    tr.onEvent(pre('same', SERVICE, 'dev/webapp/web-service'));
    tr.onEvent(done('same', SERVICE, 'dev/webapp/web-service'));
    tr.onEvent(pre('create', 'pulumi:providers:kubernetes', 'kubeforge-dev'));
    tr.onEvent(done('create', 'pulumi:providers:kubernetes', 'kubeforge-dev'));
    tr.onEvent(pre('create', DEPLOY, 'dev/webapp/web'));
    tr.onEvent(diag('error', 'timed out waiting to be Available', URN(DEPLOY, 'dev/webapp/web')));
    tr.onEvent(failed('create', DEPLOY, 'dev/webapp/web'));
    const o = tr.outcome();
    expect(o.applied).toEqual(['Provider(kubernetes) kubeforge-dev']);
    expect(o.unchanged).toEqual(['Service webapp/web-service']);
    expect(o.failed).toEqual(['Deployment webapp/web: timed out waiting to be Available']);
    expect(o.interrupted).toEqual([]);
    expect(o.notApplied).toEqual(['Deployment db/server']);

    const text = formatFailure('deploy', o, 'dev');
    expect(text).toMatch(/^kubeforge: deploy to environment dev failed: 1 failed, 1 applied, 1 unchanged, 1 not applied\./);
    expect(text).toContain('  failed:\n    Deployment webapp/web: timed out waiting to be Available');
    expect(text).toContain('  not applied (the update stopped before them):\n    Deployment db/server');
    expect(text).toContain('run the same command again');
  });

  test('an object still in progress when the update stopped is reported as such', () => {
    const { tr } = tracker();
    tr.onEvent(pre('create', DEPLOY, 'dev/db/server'));
    expect(tr.outcome().interrupted).toEqual(['Deployment db/server']);
    expect(formatFailure('destroy', tr.outcome(), 'dev')).toContain('stopped while in progress');
  });

  test('errors of the program itself can be left to the caller (not printed twice)', () => {
    const lines: string[] = [];
    const tr = new ProgressTracker('deploy', (s) => lines.push(s), Date.now, () => true);
    tr.onEvent(diag('error', 'KubeforgeError: refusing to deploy', 'urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev'));
    expect(lines).toEqual([]);
    expect(tr.generalErrors).toEqual(['KubeforgeError: refusing to deploy']);
  });
});
