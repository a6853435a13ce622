/**
 * CIDR parsing for NetworkPolicy ipBlocks. Addresses become BigInts so that containment ("except must lie
 * inside cidr") and canonical form (no host bits set) are exact for IPv4 and IPv6 alike.
 */
import { isIPv4, isIPv6 } from 'net';

export interface Cidr {
  readonly family: 4 | 6;
  readonly address: bigint;
  readonly prefix: number;
}

function ipv4ToBigInt(s: string): bigint {
  return s.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6ToBigInt(s: string): bigint {
  let text = s;
  // An embedded IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
  if (text.includes('.')) {
    const i = text.lastIndexOf(':');
    const v4 = ipv4ToBigInt(text.slice(i + 1));
    text = `${text.slice(0, i + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Parses "10.0.0.0/8" or "fd00::/8"; undefined when it is not a CIDR. */
export function parseCidr(s: string): Cidr | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const prefix = Number(m[2]);
  // Leading zeros ("010.0.0.0") are ambiguous (octal in some parsers), and the API server rejects them.
  if (isIPv4(m[1]) && !/(^|\.)0\d/.test(m[1]) && prefix <= 32) return { family: 4, address: ipv4ToBigInt(m[1]), prefix };
  if (isIPv6(m[1]) && prefix <= 128) return { family: 6, address: ipv6ToBigInt(m[1]), prefix };
  return undefined;
}

function bits(c: Cidr): number {
  return c.family === 4 ? 32 : 128;
}

/** True when no bit below the prefix is set ("10.0.0.0/8", not "10.1.2.3/8"). */
export function isCanonical(c: Cidr): boolean {
  const hostBits = BigInt(bits(c) - c.prefix);
  return (c.address & ((1n << hostBits) - 1n)) === 0n;
}

/** True when `inner` is a strictly smaller range inside `outer`, of the same family. */
export function isStrictSubset(inner: Cidr, outer: Cidr): boolean {
  if (inner.family !== outer.family || inner.prefix <= outer.prefix) return false;
  const shift = BigInt(bits(outer) - outer.prefix);
  return inner.address >> shift === outer.address >> shift;
}
