/**
 * ServiceCIDRs as the API server checks them on create (ValidateServiceCIDR): one or two CIDRs, each in
 * canonical form (no leading zeros, no bits after the prefix, IPv6 compressed in lower case), and two only
 * when they are of different IP families.
 */
import { Issue } from '../../util/errors';
import { ObjectRule } from '../types';
import { networkOf, parseCidr, strictCidrProblem } from '../../util/ip';
import { isObj, isStr, list, show, sink } from './support';

export const serviceCidrRule: ObjectRule = {
  id: 'service-cidr',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['ServiceCIDR'],
  description: 'A ServiceCIDR lists one CIDR, or one per IP family, each in canonical form.',
  check(obj, path): Issue[] {
    if (obj?.kind !== 'ServiceCIDR' || (obj.spec !== undefined && obj.spec !== null && !isObj(obj.spec))) return [];
    const out = sink('service-cidr', path);
    const cidrs = list(isObj(obj.spec) ? obj.spec.cidrs : undefined);
    if (cidrs.length === 0) {
      out.add('/spec/cidrs', 'spec.cidrs is empty; at least one CIDR is required', 'list the range, e.g. cidrs: ["10.96.0.0/16"]');
      return out.issues;
    }
    if (cidrs.length > 2) {
      out.add('/spec/cidrs', `spec.cidrs lists ${cidrs.length} ranges; at most two (one IPv4, one IPv6) are allowed`, 'use one ServiceCIDR object per extra range');
      return out.issues;
    }
    const families: (4 | 6 | undefined)[] = [];
    cidrs.forEach((v, i) => {
      const c = isStr(v) ? parseCidr(v) : undefined;
      families.push(c?.ip.family);
      if (!c) return out.add(`/spec/cidrs/${i}`, `${show(v)} is not a valid CIDR`, 'write it in CIDR notation, e.g. "10.96.0.0/16" or "fd00:10:96::/112"');
      const problem = strictCidrProblem(c);
      const canonical = networkOf(c);
      if (problem) out.add(`/spec/cidrs/${i}`, `${show(v)} is not in a form the API server accepts: ${problem}; the canonical form is ${show(canonical)}`, `write it as ${show(canonical)}`);
      else if (v !== canonical) out.add(`/spec/cidrs/${i}`, `${show(v)} is not in canonical form (${show(canonical)})`, `write it as ${show(canonical)}`);
    });
    if (cidrs.length === 2 && families[0] !== undefined && families[0] === families[1]) {
      out.add('/spec/cidrs', `both CIDRs ${show(cidrs)} are IPv${families[0]}; two CIDRs must be one IPv4 and one IPv6 range`, 'keep one range per IP family, and create another ServiceCIDR for more');
    }
    return out.issues;
  },
};
