/**
 * Built-in APIs a stock API server of the target version handles differently from what the bundled OpenAPI
 * spec suggests (the spec is generated with every group/version on):
 *   - deprecated-api: the server serves the kind but answers with a deprecation warning; the finding is that
 *     warning, word for word, with the fix;
 *   - disabled-api: the group/version is off unless the server is started with --runtime-config (alpha and most
 *     beta APIs), or the kind's storage needs a feature gate that is off by default; the server answers 404.
 * Facts come from lib/schema/lifecycle.ts (generated from each release's sources).
 */
import { Issue } from '../../util/errors';
import { ApiLifecycle, apiLifecycle, deprecationWarning, isDeprecatedIn, minorOf, notServedByDefault, servedByDefault } from '../../schema/lifecycle';
import { isServedIn, servedAs } from '../../schema/served';
import { groupOf } from '../../schema/data';
import { ObjectRule, RuleContext } from '../types';
import { isStr } from './support';

function apiOf(obj: Record<string, any>): { apiVersion: string; kind: string } | undefined {
  const { apiVersion, kind } = obj ?? {};
  return isStr(apiVersion) && isStr(kind) && apiVersion !== '' && kind !== '' ? { apiVersion, kind } : undefined;
}

/** The apiVersion a stock server of `minor` serves `kind` as, best first, other than `apiVersion`. */
function servedAlternative(minor: string, apiVersion: string, kind: string, l?: ApiLifecycle): string | undefined {
  const rep = l?.replacement;
  if (rep && rep.kind === kind && safeServed(minor, rep.apiVersion, kind) && servedByDefault(rep.apiVersion, minor, kind)) return rep.apiVersion;
  let candidates: string[] = [];
  try {
    candidates = servedAs(minor, kind, groupOf(apiVersion));
  } catch {
    // The target has no bundled schema data: name no alternative.
  }
  return candidates.find((av) => av !== apiVersion && servedByDefault(av, minor, kind));
}

function safeServed(minor: string, apiVersion: string, kind: string): boolean {
  try {
    return isServedIn(minor, apiVersion, kind);
  } catch {
    return false;
  }
}

export const deprecatedApiRule: ObjectRule = {
  id: 'deprecated-api',
  category: 'schema',
  defaultSeverity: 'warning',
  description: 'The apiVersion/kind is not deprecated in the target version; the warning repeats the API server\'s own, with the replacement and the removal version.',
  check(obj, path, ctx?: RuleContext): Issue[] {
    const api = apiOf(obj);
    if (!api) return [];
    const minor = minorOf(ctx?.k8sVersion);
    const l = apiLifecycle(api.apiVersion, api.kind, minor);
    // Off by default or already removed: disabled-api (or removed-api) has the finding.
    if (!l || !isDeprecatedIn(l, minor) || !servedByDefault(api.apiVersion, minor, api.kind) || isRemoved(l, minor)) return [];
    const alt = servedAlternative(minor, api.apiVersion, api.kind, l);
    const removal = l.removed ? `before upgrading to Kubernetes ${l.removed}, ` : '';
    // (A deprecated kind without a removal release, like v1 Endpoints, is served on, with the warning.)
    return [{
      ruleId: 'deprecated-api',
      severity: 'warning',
      constructPath: path,
      jsonPointer: '/apiVersion',
      message: deprecationWarning(api.apiVersion, api.kind, l),
      fix: alt
        ? `${removal}set apiVersion: ${alt} (check the fields that changed between the versions)`
        : l.replacement
          ? `${removal}move to ${l.replacement.apiVersion} ${l.replacement.kind}${l.replacement.kind !== api.kind ? ' (a different kind with its own fields)' : ''}`
          : `${removal}move off ${api.apiVersion} ${api.kind}`,
    }];
  },
};

function isRemoved(l: ApiLifecycle, minor: string): boolean {
  return l.removed !== undefined && Number(l.removed.split('.')[1]) <= Number(minor.split('.')[1]);
}

export const disabledApiRule: ObjectRule = {
  id: 'disabled-api',
  category: 'schema',
  defaultSeverity: 'error',
  description: 'The apiVersion/kind is served by a stock API server of the target version: alpha and most beta group/versions need --runtime-config, some kinds a feature gate.',
  check(obj, path, ctx?: RuleContext): Issue[] {
    const api = apiOf(obj);
    if (!api) return [];
    const minor = minorOf(ctx?.k8sVersion);
    const l = apiLifecycle(api.apiVersion, api.kind, minor);
    const name = `${api.apiVersion} ${api.kind}`;
    const add = (message: string, fix: string): Issue[] => [{ ruleId: 'disabled-api', severity: 'error', constructPath: path, jsonPointer: '/apiVersion', message, fix }];
    if (l && isRemoved(l, minor) && safeServed(minor, api.apiVersion, api.kind)) {
      const alt = servedAlternative(minor, api.apiVersion, api.kind, l);
      return add(`${name} is unavailable from Kubernetes ${l.removed} on, so a ${minor} API server does not serve it`, alt ? `set apiVersion: ${alt}` : `remove the ${api.kind}`);
    }
    const off = notServedByDefault(api.apiVersion, api.kind, minor);
    if (!off) return [];
    const why: string[] = [];
    const switches: string[] = [];
    if (off.runtimeConfig) {
      why.push(`${api.apiVersion} is ${off.level === 'alpha' ? 'an alpha' : 'a beta'} API that the API server leaves off by default`);
      switches.push(`--runtime-config=${off.runtimeConfig}`);
    }
    if (off.featureGate) {
      why.push(`its ${api.kind} storage needs the ${off.featureGate} feature gate${off.gateStage ? ` (${off.gateStage.toLowerCase()})` : ''}, which is off by default`);
      switches.push(`--feature-gates=${off.featureGate}=true`);
    }
    const deprecated = l && isDeprecatedIn(l, minor) ? `; it is also deprecated (${deprecationWarning(api.apiVersion, api.kind, l)})` : '';
    const alt = servedAlternative(minor, api.apiVersion, api.kind, l);
    const enable = `start kube-apiserver with ${switches.join(' and ')}`;
    return add(
      `a stock Kubernetes ${minor} API server does not serve ${name}: ${why.join(', and ')}${deprecated}`,
      alt ? `set apiVersion: ${alt}, which ${minor} serves by default, or ${enable}` : `${enable} (a cluster setting; managed clusters may not allow it)`,
    );
  },
};

export const API_LIFECYCLE_RULES: readonly ObjectRule[] = [disabledApiRule, deprecatedApiRule];
