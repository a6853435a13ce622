/**
 * The one IP address and CIDR parser of kubeforge (rules and constructs). Values are read the two ways the API
 * server reads them: the lenient parser its legacy fields have always used (netutils ParseIPSloppy /
 * ParseCIDRSloppy: leading zeros in IPv4 octets and prefix lengths pass, host bits may be set), and the strict
 * checks of the StrictIPCIDRValidation feature gate (on by default from Kubernetes 1.36), which reject leading
 * zeros, IPv4-mapped IPv6 addresses and bits set beyond the prefix length. Addresses become BigInts, so
 * containment and canonical form are exact for IPv4 and IPv6 alike.
 */
import { featureEnabled } from '../schema/lifecycle';

export interface ParsedIp {
  /** The family as written: 6 for any address with a colon, IPv4-mapped ones included (see goFamily). */
  readonly family: 4 | 6;
  /** The address as a number: 32 bits for IPv4, 128 for IPv6. */
  readonly value: bigint;
  /** Written in a form the strict parser refuses (leading zeros, an IPv6 group of more than 4 digits). */
  readonly sloppy: boolean;
}

export interface ParsedCidr {
  readonly ip: ParsedIp;
  readonly prefix: number;
  /** The prefix length was written with a leading zero ("10.0.0.0/08"). */
  readonly sloppyPrefix: boolean;
}

const DIGITS = /^[0-9]+$/;
const HEX = /^[0-9a-fA-F]+$/;

function parseIPv4(s: string): ParsedIp | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  let sloppy = false;
  for (const p of parts) {
    if (!DIGITS.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    if (p.length > 1 && p.startsWith('0')) sloppy = true;
    value = (value << 8n) | BigInt(n);
  }
  return { family: 4, value, sloppy };
}

function parseIPv6(s: string): ParsedIp | undefined {
  if (s.includes('%')) return undefined;
  let text = s;
  let tail: bigint[] = [];
  let sloppy = false;
  // A dotted IPv4 tail stands for the last two groups.
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    sloppy = v4.sloppy;
    tail = [v4.value >> 16n, v4.value & 0xffffn];
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const group = (g: string): bigint | undefined => {
    if (!HEX.test(g)) return undefined;
    const n = parseInt(g, 16);
    if (n > 0xffff) return undefined;
    if (g.length > 4) sloppy = true;
    return BigInt(n);
  };
  const side = (h: string): bigint[] | undefined => {
    if (h === '') return [];
    const out: bigint[] = [];
    for (const g of h.split(':')) {
      const v = group(g);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  };
  const left = side(halves[0]);
  const right = halves.length === 2 ? side(halves[1]) : [];
  if (!left || !right) return undefined;
  const given = left.length + right.length + tail.length;
  let groups: bigint[];
  if (halves.length === 2) {
    // "::" must stand for at least one zero group.
    if (given > 7) return undefined;
    groups = [...left, ...Array<bigint>(8 - given).fill(0n), ...right, ...tail];
  } else {
    if (given !== 8) return undefined;
    groups = [...left, ...tail];
  }
  return { family: 6, value: groups.reduce((acc, g) => (acc << 16n) | g, 0n), sloppy };
}

/** Parses an IP address as the API server's lenient parser does; undefined when it is not one (or not a string). */
export function parseIp(s: unknown): ParsedIp | undefined {
  if (typeof s !== 'string') return undefined;
  if (s.includes(':')) return parseIPv6(s);
  return parseIPv4(s);
}

/** Parses "10.0.0.0/8" or "fd00::/8" as the API server's lenient parser does; undefined when it is not a CIDR. */
export function parseCidr(s: unknown): ParsedCidr | undefined {
  if (typeof s !== 'string') return undefined;
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(s.slice(0, slash));
  const bits = s.slice(slash + 1);
  if (!ip || !DIGITS.test(bits) || bits.length > 7) return undefined;
  const prefix = Number(bits);
  if (prefix > (ip.family === 4 ? 32 : 128)) return undefined;
  return { ip, prefix, sloppyPrefix: bits.length > 1 && bits.startsWith('0') };
}

function width(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

/** The IPv6 form of an IPv4 address (::ffff:a.b.c.d). */
export function isIPv4Mapped(ip: ParsedIp): boolean {
  return ip.family === 6 && ip.value >> 32n === 0xffffn;
}

/** Go's family of the address: 4 for IPv4 and IPv4-mapped IPv6 (To4() != nil), else 6. */
export function goFamily(ip: ParsedIp): 4 | 6 {
  return ip.family === 4 || isIPv4Mapped(ip) ? 4 : 6;
}

/** True when some bit after the prefix length is set ("10.1.2.3/8"). */
export function hasHostBits(c: ParsedCidr): boolean {
  const host = BigInt(width(c.ip.family) - c.prefix);
  return (c.ip.value & ((1n << host) - 1n)) !== 0n;
}

/** The network address of the range, as text ("10.1.2.3/8" gives "10.0.0.0/8"). */
export function networkOf(c: ParsedCidr): string {
  const host = BigInt(width(c.ip.family) - c.prefix);
  const net = (c.ip.value >> host) << host;
  if (c.ip.family === 4) return `${[24n, 16n, 8n, 0n].map((s) => String((net >> s) & 0xffn)).join('.')}/${c.prefix}`;
  const groups = Array.from({ length: 8 }, (_, i) => ((net >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  // RFC 5952: the longest run of two or more zero groups becomes "::".
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const text = best < 0 ? groups.join(':') : `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
  return `${text}/${c.prefix}`;
}

/** Why the strict parser (StrictIPCIDRValidation) refuses a CIDR the lenient one reads, or undefined. */
export function strictCidrProblem(c: ParsedCidr): string | undefined {
  if (c.ip.sloppy || c.sloppyPrefix) return 'it has leading zeros in the address or the prefix length';
  if (isIPv4Mapped(c.ip)) return 'it is an IPv4-mapped IPv6 address';
  if (hasHostBits(c)) return `it has bits set beyond the prefix length (the range is ${networkOf(c)})`;
  return undefined;
}

/** The lenient parser's containment test: `inner`'s address lies in `outer` and its prefix is longer. */
export function isStrictSubset(inner: ParsedCidr, outer: ParsedCidr): boolean {
  if (inner.ip.family !== outer.ip.family || inner.prefix <= outer.prefix) return false;
  const shift = BigInt(width(outer.ip.family) - outer.prefix);
  return inner.ip.value >> shift === outer.ip.value >> shift;
}

/**
 * Why `s` is not an IP address as the API server's legacy IP fields read it (IsValidIPForLegacyField), or
 * undefined. Leading zeros and IPv4-mapped IPv6 addresses are tolerated unless `strict`
 * (StrictIPCIDRValidation; see strictIpValidation).
 */
export function ipProblem(s: string, strict: boolean): string | undefined {
  const ip = parseIp(s);
  if (!ip) return 'it is not a valid IPv4 or IPv6 address';
  if (strict && ip.sloppy) return ip.family === 4 || s.includes('.') ? 'an IPv4 octet must not have leading zeros' : 'an IPv6 group must not have leading zeros beyond 4 digits';
  if (strict && isIPv4Mapped(ip)) return 'an IPv4-mapped IPv6 address is not allowed; write the IPv4 address';
  return undefined;
}

/**
 * Why an address is not usable as an endpoint (ValidateEndpointIP, also used for Service externalIPs), or
 * undefined: it must parse (leniently) and not be unspecified, loopback, link-local or link-local multicast.
 * An IPv4-mapped address is judged as the IPv4 address it maps.
 */
export function endpointIPProblem(s: unknown): string | undefined {
  const ip = parseIp(s);
  if (!ip) return 'it is not a valid IP address';
  const v = goFamily(ip) === 4 ? ip.value & 0xffffffffn : ip.value;
  if (v === 0n) return 'it is the unspecified address';
  if (goFamily(ip) === 4) {
    const b0 = Number(v >> 24n);
    const b1 = Number((v >> 16n) & 0xffn);
    const b2 = Number((v >> 8n) & 0xffn);
    if (b0 === 127) return 'it is in the loopback range 127.0.0.0/8';
    if (b0 === 169 && b1 === 254) return 'it is in the link-local range 169.254.0.0/16';
    if (b0 === 224 && b1 === 0 && b2 === 0) return 'it is in the link-local multicast range 224.0.0.0/24';
    return undefined;
  }
  if (v === 1n) return 'it is the loopback address ::1';
  const top = Number(v >> 112n);
  if ((top & 0xffc0) === 0xfe80) return 'it is in the link-local range fe80::/10';
  if ((top & 0xff0f) === 0xff02) return 'it is a link-local multicast address (ff02::/16)';
  return undefined;
}

/** Whether the strict IP/CIDR checks apply: the StrictIPCIDRValidation gate in a stock server of `k8sVersion`. */
export function strictIpValidation(k8sVersion: string | undefined): boolean {
  return featureEnabled('StrictIPCIDRValidation', k8sVersion);
}
