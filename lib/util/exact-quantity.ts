/**
 * Exact Kubernetes quantities, read the way the API server reads them (k8s.io/apimachinery/pkg/api/resource).
 *
 * A quantity's value is kept as a BigInt mantissa and a base-10 exponent (value = mantissa × 10^exponent), so
 * comparisons and sums are integer arithmetic: `1150m` and `1.15` are equal, `1Gi` and `1024Mi` are equal, and no
 * value is ever a float. Parsing follows the server's scanner and its two paths (small values kept as a 64-bit
 * integer and a scale, others as an arbitrary-precision decimal), because the server's answers depend on them:
 * - values are rounded up, away from zero, to a whole number of nano units (`0.1n` is `1n`, `-0.1n` is `-1n`);
 * - binary-suffixed values (`Ki` ... `Ei`) are capped at 2^63-1 in magnitude; decimal ones are not capped (`1e1000`);
 * - an `e`/`E` exponent is read as a 64-bit integer and then truncated to 32 bits, as the server does;
 * - the text the server writes back is the input itself when it is already canonical, else the canonical form.
 * `Value()` and `MilliValue()` are reproduced with their int64 overflow behaviour, since some server checks
 * (integer resources, hugepage sizes, LimitRange ratios) use them.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
/** The server's smallest unit: values are rounded up to a whole number of 10^-9. */
const NANO = -9;

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map<number, string>(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
/** Characters the server's scanner takes as part of a suffix (before an optional sign and digits). */
const SUFFIX_CHARS = 'eEinumkKMGTP';

const POW10_CACHE: bigint[] = [];
export function pow10(n: number): bigint {
  if (n < 64) {
    let p = POW10_CACHE[n];
    if (p === undefined) {
      p = 10n ** BigInt(n);
      POW10_CACHE[n] = p;
    }
    return p;
  }
  return 10n ** BigInt(n);
}

const abs = (x: bigint) => (x < 0n ? -x : x);
const isDigit = (c: string) => c >= '0' && c <= '9';
const int64 = (x: bigint) => BigInt.asIntN(64, x);
const fitsInt64 = (x: bigint) => x >= INT64_MIN && x <= INT64_MAX;
const int32 = (x: number) => Number(BigInt.asIntN(32, BigInt(x)));

/** (base^exp) mod 2^64, for the low bits of values too large to build. */
function powMod64(base: bigint, exp: bigint): bigint {
  let result = 1n;
  let b = BigInt.asUintN(64, base);
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = BigInt.asUintN(64, result * b);
    b = BigInt.asUintN(64, b * b);
    e >>= 1n;
  }
  return result;
}

/** Removes the factors of ten of m: returns [m', k] with m = m' × 10^k. */
function stripTens(m: bigint): [bigint, number] {
  if (m === 0n) return [0n, 0];
  let k = 0;
  while (m % 10n === 0n) {
    m /= 10n;
    k++;
  }
  return [m, k];
}

/**
 * How the server holds the parsed value, which decides what Value()/MilliValue() return on overflow:
 * `int` is its int64 fast path (value × 10^scale), `dec` its arbitrary decimal (unscaled × 10^-scale).
 */
export type Representation = { readonly kind: 'int'; readonly value: bigint; readonly scale: number } | { readonly kind: 'dec'; readonly unscaled: bigint; readonly scale: number } | { readonly kind: 'exact' };

/** Go's Value()/ScaledValue on the int64 fast path: rounds away from zero when scaling down, 0 on overflow. */
function scaledInt(value: bigint, scale: number, target: number): bigint {
  if (scale < target) {
    // Scales are int32 in the server: a difference that wraps to a negative number makes its loop do nothing.
    const k = int32(target - scale);
    if (k <= 0) return value;
    if (k > 19) return value === 0n ? 0n : value > 0n ? 1n : -1n;
    const d = pow10(k);
    const q = value / d;
    return value % d === 0n ? q : q + (value > 0n ? 1n : -1n);
  }
  const k = int32(scale - target);
  if (value === 0n || k <= 0) return value;
  // The server multiplies by 10, 100, 1000, 10^6 and 10^9 with overflow checks that its compiler removes (the
  // product wraps, as a Go build of it shows); other factors go through a checked loop that gives 0 on overflow.
  if (k === 1 || k === 2 || k === 3 || k === 6 || k === 9) return value === INT64_MIN ? 0n : int64(value * pow10(k));
  if (k > 19) return 0n;
  const r = value * pow10(k);
  return fitsInt64(r) ? r : 0n;
}

/** Go's go-inf scaledValue: unscaled × 10^-scale at the target scale, wrapping like int64 does. */
function scaledDec(unscaled: bigint, scale: number, target: number): bigint {
  const newScale = -target;
  const dif = scale - newScale;
  if (dif === 0) return int64(unscaled);
  if (dif < 0) {
    // math.Pow10 converted to int64: exact up to 10^18, the most negative int64 beyond (amd64).
    const factor = -dif <= 18 ? pow10(-dif) : INT64_MIN;
    return int64(int64(unscaled) * factor);
  }
  if (unscaled < INT64_MAX && dif < 19) {
    const u = int64(unscaled);
    const d = pow10(dif);
    const q = u / d;
    return u % d !== 0n ? int64(q + 1n) : q;
  }
  const d = pow10(dif);
  let q = unscaled / d;
  let r = unscaled % d;
  if (r < 0n) {
    // big.Int DivMod is Euclidean: the remainder is never negative.
    q -= 1n;
    r += d;
  }
  return r !== 0n ? int64(int64(q) + 1n) : int64(q);
}

export class ExactQuantity {
  /** value = mantissa × 10^exponent; the mantissa has no factor of ten (0 has exponent 0). */
  public readonly mantissa: bigint;
  public readonly exponent: number;
  /** The format the server remembers (it decides the suffix family of the canonical form). */
  public readonly format: QuantityFormat;
  private readonly rep: Representation;
  /** The input, when the server keeps it verbatim because it is already canonical. */
  private readonly kept: string | undefined;
  private digitsCache: number | undefined;
  private canonicalCache: string | undefined;

  private constructor(mantissa: bigint, exponent: number, format: QuantityFormat, rep: Representation, kept?: string) {
    const [m, k] = stripTens(mantissa);
    this.mantissa = m;
    this.exponent = m === 0n ? 0 : exponent + k;
    this.format = format;
    this.rep = rep;
    this.kept = kept;
  }

  /** mantissa × 10^exponent, as the result of arithmetic (no remembered text). */
  public static of(mantissa: bigint, exponent = 0, format: QuantityFormat = 'DecimalSI'): ExactQuantity {
    return new ExactQuantity(mantissa, exponent, format, { kind: 'exact' });
  }

  /** @internal used by the parser */
  public static fromParse(mantissa: bigint, exponent: number, format: QuantityFormat, rep: Representation, kept?: string): ExactQuantity {
    return new ExactQuantity(mantissa, exponent, format, rep, kept);
  }

  public get sign(): -1 | 0 | 1 {
    return this.mantissa === 0n ? 0 : this.mantissa > 0n ? 1 : -1;
  }

  public isZero(): boolean {
    return this.mantissa === 0n;
  }

  /** Number of decimal digits of the mantissa. */
  private get digits(): number {
    if (this.digitsCache === undefined) this.digitsCache = abs(this.mantissa).toString().length;
    return this.digitsCache;
  }

  /** -1, 0 or 1 as this is below, equal to or above `other`, exactly. */
  public cmp(other: ExactQuantity): -1 | 0 | 1 {
    if (this.sign !== other.sign) return this.sign < other.sign ? -1 : 1;
    if (this.sign === 0) return 0;
    const neg = this.sign < 0;
    // Same sign: compare magnitudes by order first (cheap for any exponent), then the aligned digits.
    const orderA = this.digits + this.exponent;
    const orderB = other.digits + other.exponent;
    let c: number;
    if (orderA !== orderB) c = orderA < orderB ? -1 : 1;
    else {
      const low = Math.min(this.exponent, other.exponent);
      const a = abs(this.mantissa) * pow10(this.exponent - low);
      const b = abs(other.mantissa) * pow10(other.exponent - low);
      c = a === b ? 0 : a < b ? -1 : 1;
    }
    return (c === 0 ? 0 : neg ? -c : c) as -1 | 0 | 1;
  }

  public equals(other: ExactQuantity): boolean {
    return this.cmp(other) === 0;
  }

  /** this + other, exactly. Like the server's Add, the result keeps this format unless this is zero. */
  public add(other: ExactQuantity): ExactQuantity {
    const format = this.isZero() ? other.format : this.format;
    if (other.isZero()) return ExactQuantity.of(this.mantissa, this.exponent, format);
    if (this.isZero()) return ExactQuantity.of(other.mantissa, other.exponent, format);
    const low = Math.min(this.exponent, other.exponent);
    return ExactQuantity.of(this.mantissa * pow10(this.exponent - low) + other.mantissa * pow10(other.exponent - low), low, format);
  }

  public negate(): ExactQuantity {
    return ExactQuantity.of(-this.mantissa, this.exponent, this.format);
  }

  public sub(other: ExactQuantity): ExactQuantity {
    return this.add(other.negate());
  }

  /**
   * The server's RoundUp(scale): the value rounded up, away from zero, to a whole number of 10^scale. The server
   * applies RoundUp(-3) to every value of a v1 ResourceList when it defaults an object (container requests and
   * limits, ResourceQuota hard, LimitRange items, PVC requests, PV capacity), before validating it: `1n` there
   * is `1m`. A value it rounds is written back in canonical form; an unchanged int64 value keeps its text.
   */
  public roundUp(scale: number): ExactQuantity {
    const rep = this.rep;
    if (rep.kind === 'int') {
      if (rep.scale >= scale) return this;
      const v = scaledInt(rep.value, rep.scale, scale);
      return new ExactQuantity(v, scale, this.format, { kind: 'int', value: v, scale });
    }
    let m = this.mantissa;
    let e = this.exponent;
    if (e < scale) {
      const d = pow10(scale - e);
      m = m / d + (m % d === 0n ? 0n : m > 0n ? 1n : -1n);
      e = scale;
    }
    const decRep: Representation = e + 9 <= 4096 ? { kind: 'dec', unscaled: m * pow10(e - scale), scale: -scale } : { kind: 'exact' };
    return new ExactQuantity(m, e, this.format, m === 0n ? { kind: 'dec', unscaled: 0n, scale: -scale } : decRep);
  }

  /** The value as an integer count of 10^scale units when that is exact (e.g. scale -9: nano units). */
  public scaled(scale: number): bigint | undefined {
    if (this.mantissa === 0n) return 0n;
    const k = this.exponent - scale;
    if (k >= 0) return this.mantissa * pow10(k);
    const d = pow10(-k);
    return this.mantissa % d === 0n ? this.mantissa / d : undefined;
  }

  public isInteger(): boolean {
    return this.exponent >= 0 || this.mantissa === 0n;
  }

  /** The server's ScaledValue(scale): ceil(value / 10^scale) away from zero, with its int64 overflow behaviour. */
  public serverScaledValue(scale: number): bigint {
    const rep = this.rep;
    if (rep.kind === 'int') return scaledInt(rep.value, rep.scale, scale);
    if (rep.kind === 'dec') return scaledDec(rep.unscaled, rep.scale, scale);
    // A computed value: the server would hold it as a decimal at nano scale.
    if (this.exponent >= scale) {
      if (this.exponent - scale > 64) return int64(BigInt.asUintN(64, this.mantissa) * powMod64(10n, BigInt(this.exponent - scale)));
      return int64(this.mantissa * pow10(this.exponent - scale));
    }
    const d = pow10(scale - this.exponent);
    const q = this.mantissa / d;
    return int64(this.mantissa % d === 0n ? q : q + (this.mantissa > 0n ? 1n : -1n));
  }

  /** The server's Value(): the value rounded up to an integer (int64, 0 or wrapped when it overflows). */
  public serverValue(): bigint {
    return this.serverScaledValue(0);
  }

  /** The server's MilliValue(): ceil(value × 1000) (int64, 0 or wrapped when it overflows). */
  public serverMilliValue(): bigint {
    return this.serverScaledValue(-3);
  }

  /** An approximate float (for messages and ratios only; never compare with it). */
  public toNumber(): number {
    if (this.mantissa === 0n) return 0;
    if (this.exponent > 400) return this.sign * Infinity;
    if (this.exponent < -400) return 0;
    return Number(`${this.mantissa}e${this.exponent}`);
  }

  /**
   * The canonical form (the server's CanonicalizeBytes): no fraction, the largest suffix that loses nothing,
   * in the suffix family of the format (`1.5` -> `1500m`, `1024Mi` -> `1Gi`, `1.5Gi` -> `1536Mi`, `0.5Gi` -> `512Mi`).
   */
  public canonical(): string {
    if (this.canonicalCache === undefined) this.canonicalCache = this.computeCanonical();
    return this.canonicalCache;
  }

  private computeCanonical(): string {
    if (this.mantissa === 0n) return '0';
    let format = this.format;
    if (format === 'BinarySI') {
      const small = this.cmp(ExactQuantity.of(-1024n)) > 0 && this.cmp(ExactQuantity.of(1024n)) < 0;
      if (small || !this.isInteger()) format = 'DecimalSI';
    }
    if (format === 'BinarySI') {
      // Binary values are capped at 2^63-1 when parsed; a sum far beyond that is shown in decimal instead.
      if (this.exponent > 4096) return ExactQuantity.of(this.mantissa, this.exponent, 'DecimalSI').canonical();
      let n = this.mantissa * pow10(this.exponent);
      let power = 0;
      while (n % 1024n === 0n) {
        n /= 1024n;
        power++;
      }
      return `${n}${BINARY_BY_POWER[power] ?? ''}`;
    }
    let m = this.mantissa;
    let e = this.exponent;
    const r = e % 3;
    if (r !== 0) {
      const down = r > 0 ? r : r + 3;
      m *= pow10(down);
      e -= down;
    }
    // The server has no decimal suffix beyond E (10^18): it then writes the digits alone, as we do.
    const suffix = format === 'DecimalSI' ? (DECIMAL_BY_EXPONENT.get(e) ?? '') : e === 0 ? '' : `e${e}`;
    return `${m}${suffix}`;
  }

  /** The text the server writes back for this value: the input when it was already canonical, else canonical(). */
  public toString(): string {
    return this.kept ?? this.canonical();
  }
}

/** Why a text is not a quantity (the server's three parse errors). */
export type QuantityParseError = 'format' | 'numeric' | 'suffix';

/** Go's strconv.ParseInt(s, 10, 64). */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const v = BigInt(s);
  return fitsInt64(v) ? v : undefined;
}

/**
 * Parses `text` exactly as resource.ParseQuantity does (no surrounding whitespace allowed; see
 * parseQuantityJSON for values read from a manifest). Returns the quantity or the kind of error.
 */
export function parseExactQuantity(text: string): ExactQuantity | QuantityParseError {
  const end = text.length;
  if (end === 0) return 'format';
  if (text === '0') return ExactQuantity.fromParse(0n, 0, 'DecimalSI', { kind: 'int', value: 0n, scale: 0 }, '0');

  // The scanner: sign, leading zeros, integer digits, optional '.' and fraction digits, then the suffix.
  let pos = 0;
  let positive = true;
  if (text[0] === '-') {
    positive = false;
    pos++;
  } else if (text[0] === '+') pos++;
  while (pos < end && text[pos] === '0') pos++;
  let num: string;
  let denom = '';
  let prefix: string;
  let suffix = '';
  if (pos >= end) {
    num = '0';
    prefix = '0';
  } else {
    const numStart = pos;
    while (pos < end && isDigit(text[pos])) pos++;
    num = text.slice(numStart, pos) || '0';
    if (pos < end && text[pos] === '.') {
      pos++;
      const denomStart = pos;
      while (pos < end && isDigit(text[pos])) pos++;
      denom = text.slice(denomStart, pos);
    }
    prefix = text.slice(0, pos);
    const suffixStart = pos;
    while (pos < end && SUFFIX_CHARS.includes(text[pos])) pos++;
    if (pos < end && (text[pos] === '-' || text[pos] === '+')) pos++;
    while (pos < end && isDigit(text[pos])) pos++;
    if (pos < end) return 'format';
    suffix = text.slice(suffixStart);
  }

  // The suffix: a decimal or binary unit, or an exponent (int64, truncated to 32 bits like the server does).
  let base: 2 | 10;
  let exp: number;
  let format: QuantityFormat;
  if (suffix in DECIMAL_SUFFIXES) {
    base = 10;
    exp = DECIMAL_SUFFIXES[suffix];
    format = 'DecimalSI';
  } else if (suffix in BINARY_SUFFIXES) {
    base = 2;
    exp = BINARY_SUFFIXES[suffix];
    format = 'BinarySI';
  } else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const parsed = parseInt64(suffix.slice(1));
    if (parsed === undefined) return 'suffix';
    base = 10;
    exp = Number(BigInt.asIntN(32, parsed));
    format = 'DecimalExponent';
  } else return 'suffix';

  // The server's int64 fast path, for values with few digits and no more than nano precision.
  let precision: number;
  let multiplier = 1n;
  let scale = 0;
  if (base === 10) {
    scale = exp;
    precision = 18 - (num.length + denom.length);
  } else if (denom.length === 0) {
    multiplier = 1n << BigInt(exp);
    precision = 15 - num.length - Math.trunc((exp * 3) / 10) - 1;
  } else precision = -1;
  if (precision >= 0) {
    scale = int32(scale - denom.length);
    if (scale >= NANO) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      const product = value * multiplier;
      if (fitsInt64(product)) {
        const result = positive ? product : -product;
        let kept: string | undefined;
        if (base === 2) {
          if ((value & 7n) !== 0n) kept = text;
        } else if (scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0') kept = text;
        return ExactQuantity.fromParse(result, scale, format, { kind: 'int', value: result, scale }, kept);
      }
    }
  }

  // The decimal path: exact value, rounded up (away from zero) to nano units, binary values capped at 2^63-1.
  if (!/\d/.test(prefix)) return 'numeric';
  const digits = num + denom;
  let m = BigInt(digits);
  // The decimal's scale is int32 too: digits after the point, plus the negated exponent, both wrapping.
  let e = base === 10 ? -int32(denom.length + int32(-exp)) : -denom.length;
  if (base === 2) m *= 1n << BigInt(exp);
  if (m !== 0n) {
    const [sm, k] = stripTens(m);
    m = sm;
    e += k;
    if (e < NANO) {
      const orderBelowNano = NANO - e;
      const len = m.toString().length;
      if (orderBelowNano >= len) {
        m = 1n;
      } else {
        const d = pow10(orderBelowNano);
        m = m / d + (m % d === 0n ? 0n : 1n);
      }
      e = NANO;
    }
  }
  let rep: Representation;
  if (base === 2 && m !== 0n && ExactQuantity.of(m, e).cmp(ExactQuantity.of(INT64_MAX)) > 0) {
    m = INT64_MAX;
    e = 0;
    rep = { kind: 'dec', unscaled: positive ? INT64_MAX : -INT64_MAX, scale: 0 };
  } else if (m === 0n) {
    rep = { kind: 'dec', unscaled: 0n, scale: 0 };
  } else {
    // The server's decimal holds m × 10^(e+9) at scale 9. Beyond a few thousand digits only its low 64 bits could
    // reach an int64 conversion, and the exact branch of serverScaledValue computes those without building it.
    rep = e + 9 <= 4096 ? { kind: 'dec', unscaled: (positive ? m : -m) * pow10(e + 9), scale: 9 } : { kind: 'exact' };
  }
  if (format === 'BinarySI' && m !== 0n && ExactQuantity.of(m, e).cmp(ExactQuantity.of(1n)) < 0) format = 'DecimalSI';
  return ExactQuantity.fromParse(positive ? m : -m, e, format, rep);
}

/** A value from a manifest (JSON string or number), read as the server's UnmarshalJSON reads it. */
export function parseQuantityJSON(value: unknown): ExactQuantity | QuantityParseError | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? parseExactQuantity(numberText(value)) : undefined;
  if (typeof value !== 'string') return undefined;
  return parseExactQuantity(trimGoSpace(value));
}

/** How a JSON number reaches the server (Go's encoding of a float64, which matches JavaScript's for finite values). */
export function numberText(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

/**
 * The server's UnmarshalJSON takes the raw JSON text between the quotes (escapes not decoded) and trims Unicode
 * white space. Characters JSON escapes (tab, newline, other controls, U+2028/9) arrive as `\t`... and fail; the
 * white space that travels unescaped (space, NBSP and the other Unicode spaces) is trimmed.
 */
export function trimGoSpace(s: string): string {
  return s.replace(/^[ \u0085\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+|[ \u0085\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+$/g, '');
}
