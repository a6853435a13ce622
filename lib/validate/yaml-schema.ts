/**
 * The YAML scalars as Kubernetes reads them, for js-yaml (the reader's fast path). kubectl and the API server turn
 * YAML into JSON with go-yaml v2 (through sigs.k8s.io/yaml), which keeps YAML 1.1 habits that YAML 1.2 parsers
 * (js-yaml's default) drop: `yes`/`on`/`y` are booleans and `0644` is an octal integer (420). Reading a file the
 * way the cluster will is what lets `defaultMode: 0644` pass and `enabled: on` in a ConfigMap's data fail, as they
 * do on apply. Numbers resolve through goyaml.ts's resolvePlain, so both paths of the reader agree on every
 * spelling; dates and sexagesimal (1:20) stay strings. Integers are exact: beyond JavaScript's safe range they
 * are BigInts. What this schema cannot express the way go-yaml does (an integer beyond int64, which kubectl sends
 * as a float but refuses as a key) raises a flag that sends the document to the exact reader (takeUnusual).
 * Only loading is configured: kubeforge never writes YAML through this schema.
 */
import * as jsyaml from 'js-yaml';
import { resolvePlain, sent } from './goyaml';

// `types` is exported by js-yaml 4 but missing from @types/js-yaml.
const builtin = (jsyaml as unknown as { types: Record<'null' | 'merge', jsyaml.Type> }).types;

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

let unusual = false;
/** True when the last load met something only the exact reader handles; resets the flag. */
export function takeUnusual(): boolean {
  const u = unusual;
  unusual = false;
  return u;
}

// js-yaml asks every implicit type about every plain scalar (keys included): cheap first-character tests first.
const mayBeNumber = (s: string) => {
  const c = s.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e; // 0-9 - + .
};

let lastText = '';
let last: ReturnType<typeof resolvePlain> | undefined;
function resolved(s: string) {
  if (last === undefined || s !== lastText) {
    lastText = s;
    last = resolvePlain(s);
  }
  return last;
}

const bool = new jsyaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (s: string) => s.length <= 5 && (TRUE.has(s) || FALSE.has(s)),
  construct: (s: string) => TRUE.has(s),
});

function number(tag: string, kind: 'int' | 'float'): jsyaml.Type {
  return new jsyaml.Type(tag, {
    kind: 'scalar',
    resolve: (s: string) => mayBeNumber(s) && resolved(s).kind === kind,
    construct: (s: string) => {
      const r = resolved(s);
      if (r.uint64) unusual = true;
      return sent(r);
    },
  });
}

export const KUBERNETES_YAML_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [builtin.null, bool, number('tag:yaml.org,2002:int', 'int'), number('tag:yaml.org,2002:float', 'float'), builtin.merge],
});
