import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { ExactQuantity, parseExactQuantity, parseQuantityJSON } from '../../lib/util/exact-quantity';
import { canonicalQuantity, compareQuantities, isServerInteger, limitRequestRatioCheck, sumQuantities } from '../../lib/util/quantity';

function q(text: string): ExactQuantity {
  const parsed = parseExactQuantity(text);
  if (typeof parsed === 'string') throw new Error(`${text} does not parse (${parsed})`);
  return parsed;
}

/** The value in nano units, when it is a whole number of them (every parsed quantity is). */
const nanos = (x: ExactQuantity) => x.scaled(-9)!;

describe('exact quantities: parsing as the API server parses', () => {
  // [input, value in nano units, text the server writes back]
  test.each([
    ['1150m', 1_150_000_000n, '1150m'],
    ['1.15', 1_150_000_000n, '1150m'],
    ['0.5', 500_000_000n, '500m'],
    ['1024Mi', (1n << 30n) * 1_000_000_000n, '1Gi'],
    ['1.5Gi', 1_610_612_736_000_000_000n, '1536Mi'],
    ['0.5Gi', 536_870_912_000_000_000n, '512Mi'],
    ['1000M', 1_000_000_000_000_000_000n, '1G'],
    ['1e3', 1_000_000_000_000n, '1e3'],
    ['1e2', 100_000_000_000n, '100'],
    ['1.5e3', 1_500_000_000_000n, '1500'],
    ['0.1m', 100_000n, '100u'],
    ['0.1n', 1n, '1n'],
    ['-0.1n', -1n, '-1n'],
    ['3.001n', 4n, '4n'],
    ['0.000000000001Ki', 2n, '2n'],
    ['.001Ki', 1_024_000_000n, '1024m'],
    ['9Ei', ((1n << 63n) - 1n) * 1_000_000_000n, '9223372036854775807'],
    ['-9Ei', -((1n << 63n) - 1n) * 1_000_000_000n, '-9223372036854775807'],
    ['+1', 1_000_000_000n, '+1'],
    ['01', 1_000_000_000n, '01'],
    ['1.', 1_000_000_000n, '1.'],
    ['Mi', 0n, '0'],
    ['.', 0n, '0'],
    ['-', 0n, '0'],
    ['0', 0n, '0'],
    ['00.000', 0n, '0'],
  ] as [string, bigint, string][])('%s is %d nano units, written back as %s', (input, value, written) => {
    const x = q(input);
    expect(nanos(x)).toBe(value);
    expect(x.toString()).toBe(written);
  });

  test('1e1000 is not capped (decimal values have no maximum) and is written as 10e999', () => {
    const x = q('1e1000');
    expect(x.exponent).toBe(1000);
    expect(x.toString()).toBe('10e999');
    expect(x.cmp(q('9Ei'))).toBe(1);
  });

  test('a decimal suffix beyond E has no name: the server writes 1000E back as "1" (its own quirk, kept)', () => {
    expect(q('1000E').canonical()).toBe('1');
    expect(q('1000E').cmp(q('1e21'))).toBe(0);
  });

  test('the exponent is read as int64 and truncated to 32 bits: 1e4294967296 is 1', () => {
    expect(q('1e4294967296').cmp(q('1'))).toBe(0);
    expect(parseExactQuantity('1e99999999999999999999')).toBe('suffix');
  });

  test.each([
    ['', 'format'],
    ['1.1.M', 'format'],
    ['1+1.0M', 'format'],
    ['0.1mi', 'suffix'],
    ['0.1am', 'format'],
    ['aoeu', 'format'],
    ['.5i', 'suffix'],
    ['-3.01e-', 'suffix'],
    [' 1', 'format'],
    ['1 ', 'format'],
    ['512MB', 'format'],
    ['1e', 'suffix'],
    ['.e-20', 'numeric'],
  ])('%j is rejected (%s)', (input, error) => {
    expect(parseExactQuantity(input)).toBe(error);
  });

  test('values from a manifest: spaces are trimmed, JSON-escaped white space is not, numbers read as JSON numbers', () => {
    expect(String(parseQuantityJSON(' 2Gi '))).toBe('2Gi');
    expect(String(parseQuantityJSON('\u00a02Gi'))).toBe('2Gi');
    expect(parseQuantityJSON('\t2Gi')).toBe('format');
    expect(String(parseQuantityJSON(0.5))).toBe('500m');
    expect(String(parseQuantityJSON(1e21))).toBe('1e+21');
    expect(parseQuantityJSON(Infinity)).toBeUndefined();
    expect(parseQuantityJSON(true)).toBeUndefined();
  });

  test('Value() and MilliValue() overflow as the server\'s do', () => {
    expect(q('1150m').serverValue()).toBe(2n);
    expect(q('1150m').serverMilliValue()).toBe(1150n);
    expect(q('1n').serverMilliValue()).toBe(1n);
    // x1000 wraps in the server (the overflow check is compiled away); x10^7 goes through a checked loop (0).
    expect(q('999999999999999999').serverMilliValue()).toBe(3875820019684211736n);
    expect(q('999999999999999999e4').serverMilliValue()).toBe(0n);
    expect(q('9Ei').serverMilliValue()).toBe(-1000n);
  });

  test('the server\'s integer test for counted resources', () => {
    expect(isServerInteger(q('2'))).toBe(true);
    expect(isServerInteger(q('1500m'))).toBe(false);
    expect(isServerInteger(q('2k'))).toBe(true);
    expect(isServerInteger(q('1n'))).toBe(false);
  });

  const rounded = (r: ExactQuantity) => ({ rs: r.toString(), rvalue: String(r.serverValue()), rmilli: String(r.serverMilliValue()) });

  test('ResourceList values are rounded up to milli units as the server defaults them', () => {
    expect(q('1n').roundUp(-3).toString()).toBe('1m');
    expect(q('1000001u').roundUp(-3).cmp(q('1000002u').roundUp(-3))).toBe(0);
    expect(q('-1500u').roundUp(-3).toString()).toBe('-2m');
    // An int64 value already at milli scale keeps its text; a rounded one is written canonically.
    expect(q('+1.5').roundUp(-3).toString()).toBe('1500m');
    expect(q('+1').roundUp(-3).toString()).toBe('+1');
    expect(q('386.795e-12').roundUp(-3).toString()).toBe('1e-3');
  });

  test('every line of the apimachinery vectors (generated from the server\'s own code) agrees', () => {
    const file = path.join(__dirname, '../../../test/fixtures/quantity/apimachinery-vectors.jsonl');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string | boolean>);
    expect(lines.length).toBeGreaterThan(1000);
    const wrong: string[] = [];
    for (const v of lines) {
      const input = v.in as string;
      const x = parseExactQuantity(input);
      const got = typeof x === 'string'
        ? { ok: false }
        : { ok: true, s: x.toString(), canon: x.canonical(), format: x.format, value: String(x.serverValue()), milli: String(x.serverMilliValue()), ...rounded(x.roundUp(-3)) };
      const want = v.err ? { ok: false } : { ok: true, s: v.s, canon: v.canon, format: v.format, value: v.value, milli: v.milli, rs: v.rs, rvalue: v.rvalue, rmilli: v.rmilli };
      const j = parseQuantityJSON(input);
      const gotJson = typeof j === 'object' ? j.toString() : false;
      const wantJson = v.jsonOk ? v.jsonS : false;
      if (JSON.stringify(got) !== JSON.stringify(want) || gotJson !== wantJson) wrong.push(`${JSON.stringify(input)}: ${JSON.stringify(got)} ${gotJson} vs ${JSON.stringify(want)} ${wantJson}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('exact quantities: arithmetic', () => {
  test('sums are exact: 0.1 + 0.2 == 300m, and keep the first format', () => {
    expect(sumQuantities(['0.1', '0.2'])!.cmp(q('300m'))).toBe(0);
    expect(sumQuantities(['512Mi', '512Mi'])!.toString()).toBe('1Gi');
    expect(sumQuantities(['1', 'x'])).toBeUndefined();
  });

  test('the LimitRange ratio check reproduces the server\'s float64 steps', () => {
    expect(limitRequestRatioCheck(q('2'), q('100m'), q('200m')).exceeds).toBe(false);
    expect(limitRequestRatioCheck(q('2001m'), q('100m'), q('200m')).exceeds).toBe(true);
    // min 0: max/min is +Inf, so any ratio is allowed.
    expect(limitRequestRatioCheck(q('5'), q('0'), q('1')).exceeds).toBe(false);
  });

  test('canonicalQuantity gives the text the server stores', () => {
    expect(canonicalQuantity('1.15')).toBe('1150m');
    expect(canonicalQuantity(0.5)).toBe('500m');
    expect(canonicalQuantity('512MB')).toBeUndefined();
  });
});

// ---- properties (seeded) ----

/** A quantity as nano units: from tiny to far beyond int64. */
const nanoValue = fc.oneof(
  fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
  fc.bigInt({ min: 0n, max: 1000n }).map((n) => n * 10n ** 9n),
);

/** Writes n nano units with a decimal suffix or exponent (exactly: the fraction has as many digits as needed). */
function spell(n: bigint, style: number): string {
  const sign = n < 0n ? '-' : '';
  const a = n < 0n ? -n : n;
  const [suffix, exp] = ([['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['e-9', -9], ['e2', 2], ['E-4', -4], ['e+5', 5]] as const)[style];
  // value = a × 10^-9 = digits × 10^exp  =>  digits = a × 10^(-9-exp)
  const shift = -9 - exp;
  let text: string;
  if (shift >= 0) text = (a * 10n ** BigInt(shift)).toString();
  else {
    const s = a.toString().padStart(-shift + 1, '0');
    text = `${s.slice(0, shift)}.${s.slice(shift)}`;
  }
  return `${sign}${text}${suffix}`;
}

describe('exact quantities: properties', () => {
  test('a quantity and its re-spellings in other suffixes compare equal and canonicalize alike', () => {
    fc.assert(
      fc.property(nanoValue, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (n, s1, s2) => {
        const a = q(spell(n, s1));
        const b = q(spell(n, s2));
        expect(nanos(a)).toBe(n);
        expect(a.cmp(b)).toBe(0);
        expect(compareQuantities(spell(n, s1) as never, spell(n, s2) as never)).toBe(0);
        if (a.format === b.format) expect(a.canonical()).toBe(b.canonical());
      }),
      { seed: 1150, numRuns: 2000 },
    );
  });

  test('binary re-spellings: n Ki == 1024n (plain) == n/1024 Mi when whole', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 40n }), (n) => {
        const ki = q(`${n}Ki`);
        expect(ki.cmp(q(`${n * 1024n}`))).toBe(0);
        if (n % 1024n === 0n) {
          expect(ki.cmp(q(`${n / 1024n}Mi`))).toBe(0);
          expect(ki.canonical()).toBe(q(`${n / 1024n}Mi`).canonical());
        }
      }),
      { seed: 1024, numRuns: 1000 },
    );
  });

  test('order matches BigInt order, and a + b - b == a', () => {
    fc.assert(
      fc.property(nanoValue, nanoValue, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (x, y, s1, s2) => {
        const a = q(spell(x, s1));
        const b = q(spell(y, s2));
        expect(a.cmp(b)).toBe(x < y ? -1 : x > y ? 1 : 0);
        expect(nanos(a.add(b))).toBe(x + y);
        expect(a.add(b).sub(b).cmp(a)).toBe(0);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  test('the canonical form is idempotent and, for DecimalSI within the named suffixes, keeps the value', () => {
    const anyText = fc.tuple(nanoValue, fc.integer({ min: 0, max: 10 })).map(([n, s]) => spell(n, s));
    fc.assert(
      fc.property(anyText, (text) => {
        const a = q(text);
        const c = a.canonical();
        const again = q(c);
        expect(again.canonical()).toBe(c);
        // The server keeps canonical text verbatim when it reads it back.
        expect(again.toString()).toBe(c);
        if (a.format !== 'DecimalSI' || a.exponent <= 18) expect(again.cmp(a)).toBe(0);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});
