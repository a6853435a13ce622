/**
 * kubeforge's quantity parser against the API server's own. A batch of quantities (tricky ones from the server's
 * tests and seeded random spellings) goes through `kubectl apply --server-side --dry-run=server -o json`, each in
 * a ResourceQuota's spec.hard twice: under a resource that takes any non-negative quantity, and under an extended
 * resource, which the server requires to be an integer. For every one the server's verdict must be kubeforge's,
 * and for every accepted one the text the server writes back must be exactly ExactQuantity.toString().
 */
import * as fc from 'fast-check';
import { parseQuantityJSON } from '../../lib/util/exact-quantity';
import { isServerInteger } from '../../lib/util/quantity';
import { kubectl, K8sObject } from './kube';

const ANY_KEY = 'requests.example.com/amount';
const INTEGER_KEY = 'example.com/devices';

/** Cases from the server's own tests (apimachinery quantity_test.go) and the ones issue 12 names. */
const TRICKY: (string | number)[] = [
  '1150m', '1.15', '1151m', '0.5', '1024Mi', '1Gi', '1.5Gi', '0.5Gi', '1000M', '1e3', '1e2', '1E-3', '1.3E+6', '0.1m',
  '0.1n', '3.001n', '0.0000000005', '0.000000000001Ki', '.001Ki', '100.035Ki', '9Ei', '9223372036854775807Ki',
  '12E', '1000E', '1e1000', '1e-1000', '+1', '01', '1.', '1.G', '.', 'Mi', '0', '00', '-0', '-1', '-0.1n', '-1Gi',
  ' 2Gi', '2Gi ', '\u00a02Gi', '\t2Gi', '', '1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01e-',
  '512MB', '1e', '.e-20', '1e99999999999999999999', '1e4294967296', '999999999999999999', '1234567890123456789012',
  '1.5', '1500m', '2k', '1n', '999999999999999999G', '0.5e-9',
  0.5, 1.15, 1e21, 1e-7, 2, 123456789012345680000,
];

const SUFFIXES = ['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'e3', 'E-2', 'e+7', 'e-12', 'e20', 'K', 'mi', 'e'];

/** Seeded random spellings: sign, up to 22 integer digits, an optional fraction, and a suffix (some invalid). */
function generated(): string[] {
  const digits = (max: number) => fc.array(fc.constantFrom(...'0123456789'), { maxLength: max }).map((d) => d.join(''));
  const spelling = fc
    .tuple(fc.constantFrom('', '', '', '-', '+'), digits(22), fc.option(digits(12), { nil: undefined }), fc.constantFrom(...SUFFIXES))
    .map(([sign, int, frac, suffix]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}${suffix}`);
  return fc.sample(spelling, { seed: 1150, numRuns: 260 });
}

function quota(name: string, key: string, value: string | number): K8sObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace: 'default' }, spec: { hard: { [key]: value } } };
}

/** kubectl -o json prints a List for several objects; accept a single object too. */
function accepted(stdout: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!stdout.trim()) return out;
  const parsed = JSON.parse(stdout) as K8sObject;
  const items: K8sObject[] = parsed.kind === 'List' ? parsed.items : [parsed];
  for (const o of items) out.set(o.metadata.name, Object.values(o.spec?.hard ?? {})[0]);
  return out;
}

describe('quantities: kubeforge agrees with the API server', () => {
  const candidates = [...new Set<string | number>([...TRICKY, ...generated()])];

  test(`${candidates.length} quantities: same verdict, same canonical form`, () => {
    const objects = candidates.flatMap((c, i) => [quota(`qa-${i}`, ANY_KEY, c), quota(`qi-${i}`, INTEGER_KEY, c)]);
    const r = kubectl(['apply', '--server-side', '--dry-run=server', '--field-manager=kubeforge-test', '-o', 'json', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
    const server = accepted(r.stdout);
    const disagreements: string[] = [];
    candidates.forEach((c, i) => {
      const q = parseQuantityJSON(c);
      const ok = typeof q === 'object' && q.sign >= 0;
      const expectations: [string, boolean][] = [[`qa-${i}`, ok], [`qi-${i}`, ok && typeof q === 'object' && isServerInteger(q)]];
      for (const [name, kubeforgeAccepts] of expectations) {
        const serverAccepts = server.has(name);
        if (serverAccepts !== kubeforgeAccepts) {
          disagreements.push(`${JSON.stringify(c)} (${name}): server ${serverAccepts ? `accepts as ${JSON.stringify(server.get(name))}` : 'rejects'}, kubeforge ${kubeforgeAccepts ? `accepts as ${String(q)}` : `rejects (${typeof q === 'object' ? 'negative or not an integer' : q})`}`);
        } else if (serverAccepts && typeof q === 'object' && server.get(name) !== q.toString()) {
          disagreements.push(`${JSON.stringify(c)} (${name}): the server writes ${JSON.stringify(server.get(name))}, kubeforge says ${JSON.stringify(q.toString())}`);
        }
      }
    });
    // Every rejection is an error line of kubectl's: nothing was dropped for another reason.
    expect(disagreements).toEqual([]);
    expect(server.size).toBeGreaterThan(candidates.length / 2);
    if (server.size < objects.length) expect(r.code).not.toBe(0);
  });
});
