/**
 * ConfigMap and Secret contents as the API server checks them (ValidateConfigMap / ValidateSecret): key syntax,
 * a key in both `data` and `binaryData`, the 1 MiB size limit, and the keys each built-in Secret type requires.
 * A Secret's `stringData` is merged into `data` before the server validates it, so both count.
 */
import { Issue } from '../../util/errors';
import { checkDataKey } from '../../util/names';
import { ObjectRule } from '../types';
import { Obj, Sink, isObj, isStr, keys, ptr, show, sink } from './support';

/** core.MaxSecretSize: the limit on the summed value sizes of a ConfigMap or a Secret. */
export const MAX_DATA_SIZE = 1024 * 1024;

export const SA_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

export const configDataRule: ObjectRule = {
  id: 'config-data',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['ConfigMap', 'Secret'],
  description: 'ConfigMap and Secret keys are valid, no key is in both data and binaryData, contents stay within 1 MiB, and each Secret type has the keys it requires.',
  check(obj, path): Issue[] {
    if (!isObj(obj)) return [];
    const out = sink('config-data', path);
    if (obj.kind === 'ConfigMap') checkConfigMap(obj, out);
    else if (obj.kind === 'Secret') checkSecret(obj, out);
    return out.issues;
  },
};

function checkKeys(map: unknown, field: string, out: Sink): void {
  for (const k of keys(map)) {
    const problem = checkDataKey(k);
    if (problem) out.add(ptr(`/${field}`, k), `${field} key ${show(k)} is invalid: ${problem}`, 'rename the key, e.g. "app.properties" or "tls.crt" (no "/" or spaces)');
  }
}

/** Bytes of a base64 value once decoded (the server counts decoded bytes); invalid base64 is the schema rule's. */
function decodedSize(v: unknown): number {
  if (!isStr(v)) return 0;
  return Buffer.from(v, 'base64').length;
}

const textSize = (v: unknown): number => (isStr(v) ? Buffer.byteLength(v) : 0);

function checkConfigMap(obj: Obj, out: Sink): void {
  const data = isObj(obj.data) ? obj.data : {};
  const binary = isObj(obj.binaryData) ? obj.binaryData : {};
  checkKeys(data, 'data', out);
  checkKeys(binary, 'binaryData', out);
  let size = 0;
  for (const k of Object.keys(data)) {
    size += textSize(data[k]);
    if (Object.prototype.hasOwnProperty.call(binary, k)) {
      out.add(ptr('/data', k), `key ${show(k)} is in both data and binaryData; the API server requires each key in only one of them`, `keep "${k}" in data (text) or in binaryData (base64), not both`);
    }
  }
  for (const k of Object.keys(binary)) size += decodedSize(binary[k]);
  if (size > MAX_DATA_SIZE) {
    out.add('', `the ConfigMap holds ${size} bytes of data; the API server allows at most ${MAX_DATA_SIZE} bytes (1 MiB) in data and binaryData together`, 'split the data over several ConfigMaps, or mount it from a volume or an image instead');
  }
}

interface SecretEntry {
  readonly pointer: string;
  readonly bytes: Buffer;
}

/** data merged with stringData (stringData wins), as the server sees the Secret. */
function mergedSecretData(obj: Obj): Map<string, SecretEntry> {
  const merged = new Map<string, SecretEntry>();
  const data = obj.data;
  for (const k of keys(data)) merged.set(k, { pointer: ptr('/data', k), bytes: isStr(data[k]) ? Buffer.from(data[k], 'base64') : Buffer.alloc(0) });
  const stringData = obj.stringData;
  for (const k of keys(stringData)) {
    merged.set(k, { pointer: ptr('/stringData', k), bytes: Buffer.from(isStr(stringData[k]) ? stringData[k] : '', 'utf8') });
  }
  return merged;
}

/** A dockercfg value must decode into a JSON object (or null, which Go's decoder also takes for a map). */
function jsonObjectProblem(bytes: Buffer): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return `it is not valid JSON (${(e as Error).message})`;
  }
  if (parsed !== null && !isObj(parsed)) return `it is JSON, but ${Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`}, not an object`;
  return undefined;
}

function checkSecret(obj: Obj, out: Sink): void {
  checkKeys(obj.data, 'data', out);
  checkKeys(obj.stringData, 'stringData', out);
  const merged = mergedSecretData(obj);
  let size = 0;
  for (const e of merged.values()) size += e.bytes.length;
  if (size > MAX_DATA_SIZE) {
    out.add('/data', `the Secret holds ${size} bytes of data (decoded, stringData included); the API server allows at most ${MAX_DATA_SIZE} bytes (1 MiB)`, 'split the Secret, or keep large files out of Secrets');
  }
  const type = obj.type;
  if (!isStr(type)) return;
  const need = (key: string, why: string, fix: string): SecretEntry | undefined => {
    const e = merged.get(key);
    if (!e) out.add(ptr('/data', key), `a Secret of type ${type} needs data key "${key}"${why}`, fix);
    return e;
  };
  switch (type) {
    case 'kubernetes.io/service-account-token': {
      const annotations = isObj(obj.metadata) && isObj(obj.metadata.annotations) ? obj.metadata.annotations : {};
      const name = annotations[SA_NAME_ANNOTATION];
      if (!isStr(name) || name === '') {
        out.add(ptr('/metadata/annotations', SA_NAME_ANNOTATION), `a Secret of type kubernetes.io/service-account-token needs the annotation ${SA_NAME_ANNOTATION} naming its ServiceAccount`, `add metadata.annotations["${SA_NAME_ANNOTATION}"]: <service account name>`);
      }
      break;
    }
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      const e = need(key, ' holding the registry credentials as JSON', `add "${key}" (in stringData as JSON text, or in data base64-encoded)`);
      const problem = e ? jsonObjectProblem(e.bytes) : undefined;
      if (e && problem) out.add(e.pointer, `"${key}" of this ${type} Secret must be a JSON object, but ${problem}`, 'write the registry credentials as a JSON object, e.g. {"auths": {"registry.example.com": {"auth": "..."}}}');
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!merged.has('username') && !merged.has('password')) {
        out.add('/data', 'a Secret of type kubernetes.io/basic-auth needs a "username" or a "password" key (either may be empty)', 'add username and password (in stringData, or base64-encoded in data)');
      }
      break;
    case 'kubernetes.io/ssh-auth': {
      const e = need('ssh-privatekey', ' with the private key', 'add "ssh-privatekey" with the PEM private key');
      if (e && e.bytes.length === 0) out.add(e.pointer, 'a Secret of type kubernetes.io/ssh-auth needs a non-empty "ssh-privatekey"', 'put the PEM private key into ssh-privatekey');
      break;
    }
    case 'kubernetes.io/tls':
      need('tls.crt', ' with the certificate (it may be empty)', 'add "tls.crt" with the PEM certificate chain');
      need('tls.key', ' with the private key (it may be empty)', 'add "tls.key" with the PEM private key');
      break;
    default:
      break;
  }
}
