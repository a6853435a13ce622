/** Property: ServiceAccounts with random settings and pull secrets synthesize clean; broken ones never do. */
import * as fc from 'fast-check';
import { Namespace, Secret, ServiceAccount } from '../../lib';
import { expectClean, expectRejected, outcome, RUNS } from './util';

const dns = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);

describe('ServiceAccount (property)', () => {
  test('valid accounts synthesize clean', () => {
    const props = fc.record({
      automount: fc.option(fc.boolean(), { nil: undefined }),
      inApp: fc.integer({ min: 0, max: 3 }),
      existing: fc.uniqueArray(dns, { maxLength: 3 }),
      name: fc.option(dns, { nil: undefined }),
      namespaced: fc.boolean(),
    });
    fc.assert(fc.property(props, (p) => {
      expectClean(outcome(({ chart }) => {
        const namespace = p.namespaced ? new Namespace(chart, 'ns') : undefined;
        const secrets = [
          ...Array.from({ length: p.inApp }, (_, i) => new Secret(chart, `pull${i}`, { namespace, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{"auths":{}}' } })),
          ...p.existing.map((n, i) => Secret.fromName(chart, `ext${i}`, n)),
        ];
        new ServiceAccount(chart, 'sa', { name: p.name, namespace, automountServiceAccountToken: p.automount, imagePullSecrets: secrets });
      }));
    }), { seed: 6601, ...RUNS });
  });

  test('invalid accounts are rejected', () => {
    const bad = fc.oneof(
      fc.constantFrom('Bad_Name', 'UPPER', '-x', 'a'.repeat(254)).map((name) => ({ name })),
      fc.constantFrom('yes', 0, 'false').map((a) => ({ automountServiceAccountToken: a })),
      fc.constant({ duplicate: true }),
      fc.constant({ otherNamespace: true }),
    );
    fc.assert(fc.property(bad, (p: Record<string, unknown>) => {
      expectRejected(outcome(({ chart }) => {
        const s = new Secret(chart, 's', { stringData: { a: 'b' }, namespace: p.otherNamespace ? new Namespace(chart, 'other') : undefined });
        new ServiceAccount(chart, 'sa', { ...(p as object), imagePullSecrets: p.duplicate ? [s, s] : [s] } as never);
      }));
    }), { seed: 6602, ...RUNS });
  });
});
