/**
 * kubeforge's quantity parser against the API server's own. A batch of quantities (tricky ones from the server's
 * tests and seeded random spellings) goes through `kubectl apply --server-side --dry-run=server -o json`, each in
 * a ResourceQuota's spec.hard: under a resource that takes any non-negative quantity, and (for the tricky ones and
 * a quarter of the others) under an extended resource, which the server requires to be an integer. spec.hard is a
 * ResourceList, so the server rounds each value up to milli units before it validates and stores it. For every
 * one the server's verdict must be kubeforge's, and for every accepted one the text the server writes back must
 * be exactly kubeforge's (ExactQuantity.roundUp(-3).toString()).
 */
import * as fc from 'fast-check';
import { parseQuantityJSON } from '../../lib/util/exact-quantity';
import { RESOURCE_LIST_SCALE, isServerInteger } from '../../lib/util/quantity';
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

const SUFFIXES = ['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'e3', 'E-2', 'e+7', 'e-12', 'e20', 'mi'];

/** Seeded random spellings: sign, up to 22 integer digits, an optional fraction, and a suffix (some invalid). */
function generated(): string[] {
  const digits = (max: number) => fc.array(fc.constantFrom(...'0123456789'), { maxLength: max }).map((d) => d.join(''));
  const spelling = fc
    .tuple(fc.constantFrom('', '', '', '', '', '-', '+'), digits(22), fc.option(digits(12), { nil: undefined }), fc.constantFrom(...SUFFIXES))
    .map(([sign, int, frac, suffix]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}${suffix}`);
  return fc.sample(spelling, { seed: 1150, numRuns: 200 });
}

function quota(name: string, key: string, value: string | number): K8sObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace: 'default' }, spec: { hard: { [key]: value } } };
}

const APPLY = ['apply', '--server-side', '--dry-run=server', '--field-manager=kubeforge-test', '-o', 'json', '-f', '-'];

/**
 * The server's verdict and stored text per object name. kubectl prints nothing on stdout when one object of a
 * batch fails, so the objects kubeforge accepts go in one batch (split in single objects only if it fails) and
 * the others one by one.
 */
function serverVerdicts(objects: K8sObject[], batch: boolean): Map<string, { accepted: boolean; text?: unknown; error?: string }> {
  const out = new Map<string, { accepted: boolean; text?: unknown; error?: string }>();
  if (objects.length === 0) return out;
  if (batch) {
    const r = kubectl(APPLY, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
    if (r.code === 0) {
      const parsed = JSON.parse(r.stdout) as K8sObject;
      const items: K8sObject[] = parsed.kind === 'List' ? parsed.items : [parsed];
      for (const o of items) out.set(o.metadata.name, { accepted: true, text: Object.values(o.spec?.hard ?? {})[0] });
      return out;
    }
  }
  for (const o of objects) {
    const r = kubectl(APPLY, JSON.stringify(o));
    out.set(o.metadata.name, r.code === 0 ? { accepted: true, text: Object.values((JSON.parse(r.stdout) as K8sObject).spec.hard)[0] } : { accepted: false, error: r.stderr.trim() });
  }
  return out;
}

describe('quantities: kubeforge agrees with the API server', () => {
  const candidates = [...new Set<string | number>([...TRICKY, ...generated()])];

  test(`${candidates.length} quantities: same verdict, same stored text`, () => {
    const expected = new Map<string, { value: string | number; accepts: boolean; text?: string }>();
    const objects: K8sObject[] = [];
    candidates.forEach((c, i) => {
      // spec.hard is a v1 ResourceList: the server's defaulting rounds its values up to milli units first.
      const parsed = parseQuantityJSON(c);
      const q = typeof parsed === 'object' ? parsed.roundUp(RESOURCE_LIST_SCALE) : undefined;
      const ok = q !== undefined && q.sign >= 0;
      expected.set(`qa-${i}`, { value: c, accepts: ok, text: q?.toString() });
      objects.push(quota(`qa-${i}`, ANY_KEY, c));
      // Each rejection costs a request of its own: the integer test runs on the tricky cases and a quarter of the rest.
      if (i < TRICKY.length || i % 4 === 0) {
        expected.set(`qi-${i}`, { value: c, accepts: ok && isServerInteger(q), text: q?.toString() });
        objects.push(quota(`qi-${i}`, INTEGER_KEY, c));
      }
    });
    const server = new Map([
      ...serverVerdicts(objects.filter((o) => expected.get(o.metadata.name)!.accepts), true),
      ...serverVerdicts(objects.filter((o) => !expected.get(o.metadata.name)!.accepts), false),
    ]);
    const disagreements: string[] = [];
    for (const [name, want] of expected) {
      const got = server.get(name);
      const what = `${JSON.stringify(want.value)} (${name})`;
      if (!got) disagreements.push(`${what}: no answer from the server`);
      else if (got.accepted !== want.accepts) {
        disagreements.push(`${what}: server ${got.accepted ? `accepts as ${JSON.stringify(got.text)}` : `rejects (${got.error})`}, kubeforge ${want.accepts ? `accepts as ${want.text}` : 'rejects'}`);
      } else if (got.accepted && got.text !== want.text) {
        disagreements.push(`${what}: the server writes ${JSON.stringify(got.text)}, kubeforge says ${JSON.stringify(want.text)}`);
      }
    }
    expect(disagreements).toEqual([]);
    // The batch exercises both verdicts.
    const accepted = [...server.values()].filter((v) => v.accepted).length;
    expect(accepted).toBeGreaterThan(candidates.length / 2);
    expect(server.size - accepted).toBeGreaterThan(20);
  });
});
