/**
 * The YAML scalars as Kubernetes reads them. kubectl and the API server turn YAML into JSON with go-yaml v2
 * (through sigs.k8s.io/yaml), which keeps YAML 1.1 habits that YAML 1.2 parsers (js-yaml's default) drop:
 * `yes`/`on`/`y` are booleans and `0644` is an octal integer (420). Reading a file the way the cluster will
 * is what lets `defaultMode: 0644` pass and `enabled: on` in a ConfigMap's data fail, as they do on apply.
 * Dates stay strings (go-yaml v2 does not make timestamps out of untyped values); merge keys (`<<`) work.
 * Only loading is configured: kubeforge never writes YAML through this schema.
 */
import * as jsyaml from 'js-yaml';

// `types` is exported by js-yaml 4 but missing from @types/js-yaml.
const builtin = (jsyaml as unknown as { types: Record<'null' | 'float' | 'merge', jsyaml.Type> }).types;

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

// js-yaml asks every implicit type about every plain scalar (keys included): cheap first-character tests first.
const mayBeNumber = (s: string) => {
  const c = s.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e; // 0-9 - + .
};

const bool = new jsyaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (s: string) => s.length <= 5 && (TRUE.has(s) || FALSE.has(s)),
  construct: (s: string) => TRUE.has(s),
});

/** Go's strconv.ParseInt(s, 0, 64) after go-yaml drops underscores: 0x, 0o, 0b and a leading 0 (octal). */
const INT = /^[-+]?(?:0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+|0[0-7]*|[1-9][0-9]*)$/;

const int = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string) => mayBeNumber(s) && INT.test(s.replace(/_/g, '')),
  construct: (s: string) => {
    const t = s.replace(/_/g, '');
    const sign = t.startsWith('-') ? -1 : 1;
    const u = t.replace(/^[-+]/, '');
    if (/^0[xob]/.test(u)) return sign * Number(u);
    return sign * (u.length > 1 && u.startsWith('0') ? parseInt(u, 8) : Number(u));
  },
});

const float = new jsyaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: string) => mayBeNumber(s) && builtin.float.resolve(s),
  construct: builtin.float.construct,
});

export const KUBERNETES_YAML_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [builtin.null, bool, int, float, builtin.merge] });
