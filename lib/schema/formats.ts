/**
 * The string and number formats of the Kubernetes OpenAPI spec, checked the way the API server's decoder reads
 * them (Go's base64 and RFC 3339 parsers, int32/int64 fields, resource.Quantity).
 */
import { isQuantity, QUANTITY_ALLOWED, quantityFix } from '../util/quantity';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const RFC3339 = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(BigInt(2) ** BigInt(63));
const INT64_MAX = BigInt(2) ** BigInt(63) - BigInt(1);
/** 2^63 as a double: also what 9223372036854775807 (the int64 maximum) rounds to when read as a number. */
const INT64_LIMIT = 2 ** 63;

/**
 * Whether an integer fits a Go int32/int64 field, exactly as the API server's JSON decoder decides. A bigint (a
 * reader that keeps integers beyond 2^53 exact) is compared exactly. A number beyond 2^53 is the nearest double to
 * what the file said: 9223372036854775807 and 9223372036854775808 both read as 2^63, so ±2^63 pass (no false
 * positive on the int64 limits) and only a number beyond them, which no int64 rounds to, is out of range.
 */
export function fitsInt(format: 'int32' | 'int64', v: number | bigint): boolean {
  if (typeof v === 'bigint') {
    return format === 'int32' ? v >= BigInt(INT32_MIN) && v <= BigInt(INT32_MAX) : v >= INT64_MIN && v <= INT64_MAX;
  }
  return format === 'int32' ? v >= INT32_MIN && v <= INT32_MAX : v >= -INT64_LIMIT && v <= INT64_LIMIT;
}

export interface FormatProblem {
  readonly allowed: string;
  readonly fix: string;
}

/** Why `value` (already of the right JSON type) breaks `format`, or undefined when it does not. */
export function formatProblem(format: string, value: unknown): FormatProblem | undefined {
  switch (format) {
    case 'byte':
      return typeof value === 'string' && !BASE64.test(value)
        ? { allowed: 'base64 (standard alphabet, padded with "=")', fix: 'base64-encode the value; for a Secret, put plain text under stringData instead of data' }
        : undefined;
    case 'date-time':
      return typeof value === 'string' && !RFC3339.test(value)
        ? { allowed: 'an RFC 3339 timestamp such as "2024-05-01T12:00:00Z"', fix: 'write the time as RFC 3339 with a "T" and a zone, or omit the field' }
        : undefined;
    case 'quantity':
      return isQuantity(value) ? undefined : { allowed: QUANTITY_ALLOWED, fix: quantityFix(String(value)) };
    case 'int32':
    case 'int64':
      return (typeof value === 'number' || typeof value === 'bigint') && !fitsInt(format, value)
        ? { allowed: format === 'int32' ? `an int32 (${INT32_MIN} to ${INT32_MAX})` : `an int64 (${INT64_MIN} to ${INT64_MAX})`, fix: 'use a smaller number' }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * The same formats for ajv: regular expressions are inlined into the generated code; functions are called from
 * this module (the precompiled validators require it), so the quantity grammar has one home.
 */
export const AJV_FORMATS = {
  byte: BASE64,
  'date-time': RFC3339,
  quantity: { type: 'string', validate: (s: string) => isQuantity(s) },
  int32: { type: 'number', validate: (n: number) => n >= INT32_MIN && n <= INT32_MAX },
  int64: { type: 'number', validate: (n: number) => n >= -INT64_LIMIT && n <= INT64_LIMIT },
} as const;
