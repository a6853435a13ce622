import { load } from 'js-yaml';
import { KUBERNETES_YAML_SCHEMA } from '../../lib/validate/yaml-schema';

const read = (text: string) => load(text, { schema: KUBERNETES_YAML_SCHEMA }) as Record<string, unknown>;

describe('scalars as Kubernetes (go-yaml v2) reads them', () => {
  test.each([
    ['0644', 420],
    ['0o644', 420],
    ['0x1F', 31],
    ['0b101', 5],
    ['1_000', 1000],
    ['-017', -15],
    ['0', 0],
    ['42', 42],
    ['+12', 12],
    ['1.5', 1.5],
    ['1e3', 1000],
  ])('%s is the number %d', (text, value) => {
    expect(read(`v: ${text}`).v).toBe(value);
  });

  test.each(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'])('%s is true', (text) => {
    expect(read(`v: ${text}`).v).toBe(true);
  });

  test.each(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'])('%s is false', (text) => {
    expect(read(`v: ${text}`).v).toBe(false);
  });

  test.each([
    ['2024-01-01', '2024-01-01'],
    ['"0644"', '0644'],
    ["'yes'", 'yes'],
    ['Yes please', 'Yes please'],
    ['1:20', '1:20'],
    ['nginx:1.27', 'nginx:1.27'],
  ])('%s stays the string %s', (text, value) => {
    expect(read(`v: ${text}`).v).toBe(value);
  });

  test('null spellings and merge keys', () => {
    expect(read('a: ~\nb: null\nc: Null\nd:\n')).toEqual({ a: null, b: null, c: null, d: null });
    expect(read('base: &b {x: 1}\nobj: {<<: *b, z: 2}\n').obj).toEqual({ x: 1, z: 2 });
  });

  test('keys resolve like values (go-yaml turns `on:` into the key "true")', () => {
    expect(Object.keys(read('on: 1\nname: 2\n'))).toEqual(['true', 'name']);
  });
});
