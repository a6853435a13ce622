/**
 * fast-check arbitraries for the networking property tests: values valid by construction (DNS names, hosts,
 * paths, label selectors, canonical CIDRs and their subsets) and values invalid by construction.
 */
import * as fc from 'fast-check';
import { K8S_VERSIONS } from '../../lib';

export const FC = { seed: 20261201, numRuns: 1000 };

export const k8sVersion = fc.constantFrom(...K8S_VERSIONS);
export const dnsLabel = fc.stringMatching(/^[a-z]([-a-z0-9]{0,10}[a-z0-9])?$/);
/** A DNS name whose last label is alphabetic, so it can never be read as an IP address. */
export const host = fc
  .tuple(fc.array(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/), { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/))
  .map(([labels, tld]) => [...labels, tld].join('.'));
export const anyHost = fc.oneof(host, host.map((h) => `*.${h}`));
export const portName = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,6})?$/);
export const portNumber = fc.integer({ min: 1, max: 65535 });

const segment = fc.stringMatching(/^[A-Za-z0-9_~-]{1,8}$/);
/** An absolute, normalized path ("/", "/api", "/a/b/"). */
export const absolutePath = fc
  .tuple(fc.array(segment, { maxLength: 4 }), fc.boolean())
  .map(([segs, slash]) => (segs.length === 0 ? '/' : `/${segs.join('/')}${slash ? '/' : ''}`));

export const labelKey = fc.tuple(fc.option(host, { nil: undefined }), fc.stringMatching(/^[a-z]([-a-z0-9_.]{0,8}[a-z0-9])?$/)).map(([p, n]) => (p ? `${p}/${n}` : n));
export const labelValue = fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,8}[A-Za-z0-9])?)?$/);
export const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 3 });

const expression = fc.oneof(
  fc.record({ key: labelKey, operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.array(labelValue, { minLength: 1, maxLength: 3 }) }),
  fc.record({ key: labelKey, operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
);
export const labelSelector = fc.record({ matchLabels: labels, matchExpressions: fc.array(expression, { maxLength: 2 }) }, { requiredKeys: [] });

function ipv4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 0xffn)).join('.');
}
function ipv6(n: bigint): string {
  return Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':');
}

/** A canonical CIDR and a few canonical ranges strictly inside it. */
export const ipBlock = fc
  .tuple(fc.constantFrom(4 as const, 6 as const), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n })), { maxLength: 3 }))
  .map(([family, raw, p, ex]) => {
    const bits = family === 4 ? 32 : 128;
    const fmt = family === 4 ? ipv4 : ipv6;
    const mask = (prefix: number) => ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);
    const prefix = p % (bits + 1);
    const addr = (raw & ((1n << BigInt(bits)) - 1n)) & mask(prefix);
    const except = prefix === bits ? [] : ex.map(([q, r]) => {
      const inner = prefix + 1 + (q % (bits - prefix));
      return `${fmt((addr | (r & ((1n << BigInt(bits - prefix)) - 1n))) & mask(inner))}/${inner}`;
    });
    return { cidr: `${fmt(addr)}/${prefix}`, except: [...new Set(except)] };
  });

/** A CIDR with a bit set after the prefix ("10.0.0.1/8"): the API server wants the network address. */
export const nonCanonicalCidr = fc
  .tuple(fc.constantFrom(4 as const, 6 as const), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.nat())
  .map(([family, raw, p]) => {
    const bits = family === 4 ? 32 : 128;
    const prefix = p % bits;
    const hostBit = 1n << BigInt(p % (bits - prefix));
    const addr = (raw & ((1n << BigInt(bits)) - 1n)) | hostBit;
    return `${(family === 4 ? ipv4 : ipv6)(addr)}/${prefix}`;
  });

/** Strings that break a DNS name: an uppercase letter, an underscore, an IP address, edge dashes, a bare "*". */
export const badHost = fc.oneof(
  host.map((h) => h.toUpperCase()),
  host.map((h) => h.replace('.', '_.')),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')),
  host.map((h) => `-${h}`),
  host.map((h) => `${h}.`),
  fc.constant('*'),
  host.map((h) => `a.*.${h}`),
);
export const badPortNumber = fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 65536 }), fc.double({ min: 1.1, max: 65534.9, noInteger: true }));
export const badPortName = fc.oneof(portName.map((n) => n.toUpperCase() + 'X'), fc.stringMatching(/^[a-z]{16,20}$/), portName.map((n) => `${n}--x`), fc.stringMatching(/^[0-9]{1,6}$/).map(String));
