/**
 * NetworkPolicy specs as the API server checks them on create (ValidateNetworkPolicySpec): the pod selector,
 * ports (protocol, port number or name, endPort only after a numeric port and not below it), peers (at least
 * one selector or an ipBlock, and an ipBlock alone), ipBlock CIDRs with every `except` strictly inside the
 * cidr, and policyTypes. From 1.36 the API server also refuses CIDRs in non-canonical forms (leading zeros,
 * IPv4-mapped IPv6, bits set after the prefix); older targets accept them.
 */
import { Issue } from '../../util/errors';
import { checkPortName } from '../../util/names';
import { ObjectRule, RuleContext } from '../types';
import { isStrictSubset, networkOf, parseCidr, ParsedCidr, strictCidrProblem, strictIpValidation } from '../../util/ip';
import { checkLabelSelector } from './label-syntax';
import { Obj, Sink, isInt, isObj, isStr, list, show, sink } from './support';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];
const CIDR_EXAMPLE = 'e.g. "10.0.0.0/8" or "fd00::/8"';

export const networkPolicySpecRule: ObjectRule = {
  id: 'network-policy-spec',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['NetworkPolicy'],
  description: 'NetworkPolicy ports, peers, ipBlock CIDRs (each except strictly inside its cidr) and policyTypes are values the API server accepts.',
  check(obj, path, ctx?: RuleContext): Issue[] {
    if (obj?.kind !== 'NetworkPolicy' || !isObj(obj.spec)) return [];
    const out = sink('network-policy-spec', path);
    const spec = obj.spec;
    const strict = strictIpValidation(ctx?.k8sVersion);
    checkLabelSelector(spec.podSelector, '/spec/podSelector', out);
    for (const [dir, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
      list(spec[dir]).forEach((r, i) => {
        if (!isObj(r)) return;
        const base = `/spec/${dir}/${i}`;
        list(r.ports).forEach((p, j) => { if (isObj(p)) checkPort(p, `${base}/ports/${j}`, out); });
        list(r[peers]).forEach((p, j) => { if (isObj(p)) checkPeer(p, `${base}/${peers}/${j}`, strict, out); });
      });
    }
    const types = spec.policyTypes;
    if (Array.isArray(types)) {
      if (types.length > 2) {
        out.add('/spec/policyTypes', `policyTypes lists ${types.length} entries ${show(types)}; at most two are allowed`, 'list each of Ingress and Egress at most once');
      } else {
        types.forEach((t, i) => {
          if (!POLICY_TYPES.includes(t as string)) out.add(`/spec/policyTypes/${i}`, `policy type ${show(t)} is not supported; allowed: Ingress, Egress`, 'use Ingress or Egress (case matters)');
        });
      }
    }
    return out.issues;
  },
};

function checkPort(p: Obj, base: string, out: Sink): void {
  if (p.protocol != null && !PROTOCOLS.includes(p.protocol)) {
    out.add(`${base}/protocol`, `protocol ${show(p.protocol)} is not supported; allowed: TCP, UDP, SCTP`, 'use TCP (the default), UDP or SCTP');
  }
  const port = p.port;
  const endPort = p.endPort;
  const hasEnd = endPort !== undefined && endPort !== null;
  if (port === undefined || port === null) {
    if (hasEnd) out.add(`${base}/endPort`, `endPort ${show(endPort)} is set without a port; a range needs its first port`, 'set port to the first port of the range, or remove endPort');
    return;
  }
  if (typeof port === 'number') {
    if (!isInt(port) || port < 1 || port > 65535) out.add(`${base}/port`, `port ${show(port)} is not a valid port number; allowed: 1 to 65535`, 'use a port number from 1 to 65535');
    if (hasEnd) {
      if (isInt(endPort) && endPort < port) out.add(`${base}/endPort`, `endPort ${show(endPort)} is below port ${port}; it must be at least the port`, `set endPort to ${port} or more, or swap the two`);
      if (!isInt(endPort) || endPort < 1 || endPort > 65535) out.add(`${base}/endPort`, `endPort ${show(endPort)} is not a valid port number; allowed: 1 to 65535`, 'use a port number from 1 to 65535');
    }
    return;
  }
  if (hasEnd) out.add(`${base}/endPort`, `endPort ${show(endPort)} is set with the named port ${show(port)}; a range needs numeric ports`, 'use a port number as port, or remove endPort');
  if (isStr(port)) {
    const problem = checkPortName(port);
    if (problem) out.add(`${base}/port`, `port ${show(port)} is not a valid port name: ${problem}`, /^[0-9]+$/.test(port) ? `write the number without quotes: port: ${port}` : 'use the name of a container port, or a number');
  }
}

function checkPeer(peer: Obj, base: string, strict: boolean, out: Sink): void {
  const present = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((k) => peer[k] !== undefined && peer[k] !== null);
  if (present.length === 0) {
    out.add(base, 'the peer is empty; the API server requires podSelector, namespaceSelector or ipBlock', 'add a selector (podSelector: {} selects every pod of the namespace) or an ipBlock');
  } else if (present.length > 1 && present.includes('ipBlock')) {
    out.add(base, `the peer combines ipBlock with ${present.filter((k) => k !== 'ipBlock').join(' and ')}; an ipBlock must be a peer of its own`, 'move the ipBlock into a separate list entry');
  }
  checkLabelSelector(peer.podSelector, `${base}/podSelector`, out);
  checkLabelSelector(peer.namespaceSelector, `${base}/namespaceSelector`, out);
  if (isObj(peer.ipBlock)) checkIpBlock(peer.ipBlock, `${base}/ipBlock`, strict, out);
}

/** Checks one CIDR value; returns it parsed when the lenient parser reads it (strict problems are reported). */
function checkCidr(v: unknown, pointer: string, field: string, strict: boolean, out: Sink): ParsedCidr | undefined {
  const c = isStr(v) ? parseCidr(v) : undefined;
  if (!c) {
    out.add(pointer, `${field} ${show(v)} is not a valid CIDR; allowed: an address and a prefix length, ${CIDR_EXAMPLE}`, 'write the range in CIDR notation, e.g. "10.0.0.0/16"');
    return undefined;
  }
  const problem = strict ? strictCidrProblem(c) : undefined;
  if (problem) out.add(pointer, `${field} ${show(v)} is not in a form the API server accepts: ${problem}`, `write it as ${show(networkOf(c))}`);
  return c;
}

function checkIpBlock(b: Obj, base: string, strict: boolean, out: Sink): void {
  if (b.cidr === undefined || b.cidr === null) return; // a missing cidr is the schema's finding
  if (b.cidr === '') return out.add(`${base}/cidr`, 'ipBlock.cidr is empty; the API server requires a CIDR', `set a range, ${CIDR_EXAMPLE}`);
  const outer = checkCidr(b.cidr, `${base}/cidr`, 'ipBlock.cidr', strict, out);
  if (!outer) return;
  list(b.except).forEach((e, i) => {
    const inner = checkCidr(e, `${base}/except/${i}`, `ipBlock.except[${i}]`, strict, out);
    if (inner && !isStrictSubset(inner, outer)) {
      out.add(`${base}/except/${i}`, `ipBlock.except[${i}] ${show(e)} is not strictly inside cidr ${show(b.cidr)}; each except range must be a smaller range within it`, `remove it, or use a range inside ${networkOf(outer)}`);
    }
  });
}
