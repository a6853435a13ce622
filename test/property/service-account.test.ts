/** Property: ServiceAccounts with random settings and pull secrets synthesize clean; broken ones never do. */
import * as fc from 'fast-check';
import { Namespace, Secret, ServiceAccount } from '../../lib';
import { buildServiceAccount, serviceAccountProps } from './policy-apps';
import { expectClean, expectRejected, outcome, RUNS } from './util';

describe('ServiceAccount (property)', () => {
  test('valid accounts synthesize clean', () => {
    fc.assert(fc.property(serviceAccountProps, (p) => {
      expectClean(outcome(({ chart }) => buildServiceAccount(chart, p)));
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
