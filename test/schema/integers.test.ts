import { checkSchema } from '../../lib/schema';
import { fitsInt } from '../../lib/schema/formats';
import { deployment, service } from './fixtures';

const V = '1.37';
const podSpec = (d: Record<string, any>) => d.spec.template.spec;

/** The schema findings of a Deployment whose field is set by `set`, as [pointer, message]. */
function findings(set: (d: Record<string, any>) => void): Array<[string, string]> {
  const d = deployment();
  set(d);
  return checkSchema(d, 'p', V).map((i) => [i.jsonPointer ?? '', i.message]);
}

describe('int32 fields (replicas), as the API server decodes them', () => {
  test.each<[number | bigint]>([[2147483647], [-2147483648], [0], [BigInt(2147483647)]])('%p fits', (n) => {
    expect(findings((d) => void (d.spec.replicas = n))).toEqual([]);
  });

  test.each<[number | bigint, string]>([
    [2147483648, '2147483648'],
    [-2147483649, '-2147483649'],
    [BigInt('9007199254740993'), '9007199254740993'],
  ])('%p is out of range', (n, shown) => {
    const [[pointer, message], ...rest] = findings((d) => void (d.spec.replicas = n));
    expect(rest).toEqual([]);
    expect(pointer).toBe('/spec/replicas');
    expect(message).toContain(shown);
    expect(message).toContain('an int32 (-2147483648 to 2147483647)');
  });
});

describe('int64 fields (terminationGracePeriodSeconds)', () => {
  const set = (n: number | bigint) => findings((d) => void (podSpec(d).terminationGracePeriodSeconds = n));

  test('exact integers (bigint) are compared exactly: 2^63-1 fits, 2^63 does not', () => {
    expect(set(BigInt('9223372036854775807'))).toEqual([]);
    expect(set(BigInt('-9223372036854775808'))).toEqual([]);
    const [[pointer, message]] = set(BigInt('9223372036854775808'));
    expect(pointer).toBe('/spec/template/spec/terminationGracePeriodSeconds');
    expect(message).toContain('9223372036854775808');
    expect(message).toContain('-9223372036854775808 to 9223372036854775807');
    expect(set(BigInt('-9223372036854775809'))).toHaveLength(1);
  });

  test('a number read with rounding fails only when no int64 rounds to it', () => {
    // 9223372036854775807 (valid) and 9223372036854775808 (not) both read as 2^63: no false positive.
    expect(set(2 ** 63)).toEqual([]);
    expect(set(-(2 ** 63))).toEqual([]);
    expect(set(2 ** 64)).toHaveLength(1);
    expect(set(-(2 ** 64))).toHaveLength(1);
  });

  test('fitsInt is exact on bigints at both ends of both formats', () => {
    expect([fitsInt('int32', BigInt(2 ** 31 - 1)), fitsInt('int32', BigInt(2 ** 31)), fitsInt('int32', BigInt(-(2 ** 31))), fitsInt('int32', BigInt(-(2 ** 31) - 1))])
      .toEqual([true, false, true, false]);
    const two63 = BigInt(2) ** BigInt(63);
    expect([fitsInt('int64', two63 - BigInt(1)), fitsInt('int64', two63), fitsInt('int64', -two63), fitsInt('int64', -two63 - BigInt(1))])
      .toEqual([true, false, true, false]);
  });
});

describe('int-or-string fields hold an int32 when they hold an integer', () => {
  test.each<[number | bigint | string, number]>([
    [2147483647, 0],
    ['http', 0],
    [2147483648, 1],
    [BigInt('9223372036854775808'), 1],
  ])('targetPort %p: %p findings', (port, count) => {
    const s = service();
    s.spec.ports[0].targetPort = port;
    const issues = checkSchema(s, 'p', V);
    expect(issues).toHaveLength(count);
    if (count) expect(issues[0]).toMatchObject({ jsonPointer: '/spec/ports/0/targetPort', message: expect.stringContaining('an int32') });
  });
});

test('a bigint in a string field is a type error that shows the number', () => {
  const [[pointer, message]] = findings((d) => void (d.metadata.name = BigInt('12345678901234567890')));
  expect(pointer).toBe('/metadata/name');
  expect(message).toContain('must be a string, got 12345678901234567890 (an integer)');
});
