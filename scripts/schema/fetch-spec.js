/**
 * Reads files out of the k8s.io/kubernetes module zip on the Go module proxy with HTTP range requests: the
 * central directory first, then only the entries asked for, so a spec costs a few MB instead of the whole zip.
 * Results are cached under ~/.cache/kubeforge/specs/<version>/ (developers only; CI never runs this).
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');

const PROXY = (process.env.GOPROXY || 'https://proxy.golang.org').split(/[,|]/).find((p) => /^https?:/.test(p));
const MODULE = 'k8s.io/kubernetes';
const CACHE = path.join(os.homedir(), '.cache', 'kubeforge', 'specs');

async function get(url, range) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, range ? { headers: { Range: `bytes=${range[0]}-${range[1]}` } } : {});
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      const buf = Buffer.from(await res.arrayBuffer());
      if (range && res.status !== 206) throw new Error(`${url}: the server ignored the Range header`);
      return { buf, length: Number(res.headers.get('content-range')?.split('/')[1] ?? buf.length) };
    } catch (e) {
      if (attempt >= 3) throw e;
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}

async function listVersions() {
  const { buf } = await get(`${PROXY}/${MODULE}/@v/list`);
  return buf.toString('utf8').split('\n').filter((v) => /^v\d+\.\d+\.\d+$/.test(v));
}

/** The central directory: name -> { offset, compressedSize, method }. */
async function centralDirectory(zipUrl) {
  const head = await get(zipUrl, [0, 0]);
  const size = head.length;
  const tailStart = Math.max(0, size - 65557);
  const { buf: tail } = await get(zipUrl, [tailStart, size - 1]);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${zipUrl}: no end-of-central-directory record`);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  const { buf: cd } = await get(zipUrl, [cdOffset, cdOffset + cdSize - 1]);
  const entries = new Map();
  for (let p = 0; p < cd.length && cd.readUInt32LE(p) === 0x02014b50; ) {
    const method = cd.readUInt16LE(p + 10);
    const compressedSize = cd.readUInt32LE(p + 20);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const offset = cd.readUInt32LE(p + 42);
    entries.set(cd.toString('utf8', p + 46, p + 46 + nameLen), { offset, compressedSize, method });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

async function readEntry(zipUrl, e) {
  // The local header's name/extra lengths can differ from the central copy; 64 KiB of slack covers them.
  const { buf } = await get(zipUrl, [e.offset, e.offset + 30 + 65535 + e.compressedSize]);
  const start = 30 + buf.readUInt16LE(26) + buf.readUInt16LE(28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return data;
  if (e.method === 8) return zlib.inflateRawSync(data);
  throw new Error(`unsupported zip compression method ${e.method}`);
}

/**
 * The spec files of one module version whose path (relative to the module root) `want` accepts, as
 * { relativePath: parsedJson }, from the cache when present.
 */
async function specFiles(version, want) {
  const dir = path.join(CACHE, version);
  const index = path.join(dir, 'index.json');
  let names = fs.existsSync(index) ? JSON.parse(fs.readFileSync(index, 'utf8')) : undefined;
  const zipUrl = `${PROXY}/${MODULE}/@v/${version}.zip`;
  const prefix = `${MODULE}@${version}/`;
  let entries;
  if (!names) {
    entries = await centralDirectory(zipUrl);
    names = [...entries.keys()].filter((n) => n.startsWith(prefix + 'api/openapi-spec/')).map((n) => n.slice(prefix.length));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(index, JSON.stringify(names));
  }
  const out = {};
  for (const rel of names.filter(want)) {
    const file = path.join(dir, rel);
    if (!fs.existsSync(file)) {
      entries = entries || (await centralDirectory(zipUrl));
      const data = await readEntry(zipUrl, entries.get(prefix + rel));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data);
    }
    out[rel] = JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  return out;
}

module.exports = { listVersions, specFiles };
