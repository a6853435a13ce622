/**
 * IP addresses and CIDRs as the API server's legacy fields read them (ParseIPSloppy / ParseCIDRSloppy: IPv4
 * parts may have leading zeros; the stricter parsing is behind a feature gate whose default changed in 1.36, so
 * these helpers stay lenient). Not a rule.
 */

export interface ParsedIP {
  /** 4 for IPv4 and IPv4-mapped IPv6 (Go's To4() != nil), else 6. */
  readonly family: 4 | 6;
  /** 4 bytes for family 4, 16 for family 6. */
  readonly bytes: number[];
}

function parseV4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]+$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseV6(s: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  let tail: number[] = [];
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    const v4 = parseV4(s.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    // Keep a "::" that ends right before the IPv4 part ("::ffff:1.2.3.4" -> "::ffff", "::1.2.3.4" -> "::").
    text = s[lastColon - 1] === ':' ? s.slice(0, lastColon + 1) : s.slice(0, lastColon);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const group = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      const n = parseInt(g, 16);
      out.push(n >> 8, n & 0xff);
    }
    return out;
  };
  const head = group(halves[0]);
  const rest = halves.length === 2 ? group(halves[1]) : [];
  if (!head || !rest) return undefined;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 2) {
    if (known > 14) return undefined;
    return [...head, ...new Array(16 - known).fill(0), ...rest, ...tail];
  }
  return known === 16 ? [...head, ...tail] : undefined;
}

/** Parses an IP address the way ParseIPSloppy does, or returns undefined. */
export function parseIP(s: unknown): ParsedIP | undefined {
  if (typeof s !== 'string' || s === '') return undefined;
  if (!s.includes(':')) {
    const v4 = parseV4(s);
    return v4 ? { family: 4, bytes: v4 } : undefined;
  }
  const v6 = parseV6(s);
  if (!v6) return undefined;
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  return mapped ? { family: 4, bytes: v6.slice(12) } : { family: 6, bytes: v6 };
}

/** Parses "address/prefix" the way ParseCIDRSloppy does. */
export function parseCIDR(s: unknown): { ip: ParsedIP; prefix: number } | undefined {
  if (typeof s !== 'string') return undefined;
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ipText = s.slice(0, slash);
  const prefixText = s.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(prefixText)) return undefined;
  // The prefix length counts bits of the address as written: 128 for any address with a colon.
  const bits = ipText.includes(':') ? 128 : 32;
  const ip = parseIP(ipText);
  const prefix = Number(prefixText);
  if (!ip || prefix > bits) return undefined;
  return { ip, prefix };
}

/**
 * Why an address is not usable as an endpoint (ValidateEndpointIP, also used for Service externalIPs), or
 * undefined: it must parse and not be unspecified, loopback, link-local or link-local multicast.
 */
export function endpointIPProblem(s: unknown): string | undefined {
  const ip = parseIP(s);
  if (!ip) return 'it is not a valid IP address';
  const b = ip.bytes;
  if (b.every((x) => x === 0)) return 'it is the unspecified address';
  if (ip.family === 4) {
    if (b[0] === 127) return 'it is in the loopback range 127.0.0.0/8';
    if (b[0] === 169 && b[1] === 254) return 'it is in the link-local range 169.254.0.0/16';
    if (b[0] === 224 && b[1] === 0 && b[2] === 0) return 'it is in the link-local multicast range 224.0.0.0/24';
    return undefined;
  }
  if (b.slice(0, 15).every((x) => x === 0) && b[15] === 1) return 'it is the loopback address ::1';
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return 'it is in the link-local range fe80::/10';
  if (b[0] === 0xff && (b[1] & 0x0f) === 0x02) return 'it is a link-local multicast address (ff02::/16)';
  return undefined;
}
