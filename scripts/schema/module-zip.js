/**
 * Files of a Go module version, read straight from the module proxy's zip with HTTP range requests (only the
 * central directory and the entries asked for travel), cached on disk. Shared by the schema generator
 * (fetch-spec.js) and the lifecycle generator (lifecycle.js). Developers only; CI never runs it.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const PROXY = (process.env.GOPROXY || 'https://proxy.golang.org').split(/[,|]/).find((p) => /^https?:/.test(p));

async function get(url, range) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, range ? { headers: { Range: `bytes=${range[0]}-${range[1]}` } } : {});
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      const buf = Buffer.from(await res.arrayBuffer());
      if (range && res.status !== 206) throw new Error(`${url}: the server ignored the Range header`);
      return { buf, total: Number(res.headers.get('content-range')?.split('/')[1] ?? buf.length) };
    } catch (e) {
      if (attempt >= 4) throw e;
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}

/** The versions the proxy lists for a module (vX.Y.Z only). */
async function listVersions(mod) {
  const { buf } = await get(`${PROXY}/${mod}/@v/list`);
  return buf.toString('utf8').split('\n').filter((v) => /^v\d+\.\d+\.\d+$/.test(v));
}

/**
 * A reader over module zips, caching under `cacheDir/<module>@<version>/`. With `offline`, anything not cached
 * is an error instead of a download.
 */
function moduleZips({ cacheDir, offline = false }) {
  const zips = new Map();

  /** name (relative to the module root) -> entry, for one module version. */
  async function directory(mod, version) {
    const key = `${mod}@${version}`;
    if (zips.has(key)) return zips.get(key);
    const cacheFile = path.join(cacheDir, key, '.directory.json');
    if (fs.existsSync(cacheFile)) {
      const d = new Map(JSON.parse(fs.readFileSync(cacheFile, 'utf8')));
      zips.set(key, d);
      return d;
    }
    if (offline) throw new Error(`${key} is not cached (run without --offline)`);
    const url = `${PROXY}/${mod}/@v/${version}.zip`;
    const { total } = await get(url, [0, 0]);
    const { buf: tail } = await get(url, [Math.max(0, total - 65557), total - 1]);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error(`${url}: no end-of-central-directory record`);
    const size = tail.readUInt32LE(eocd + 12);
    const offset = tail.readUInt32LE(eocd + 16);
    const { buf: cd } = await get(url, [offset, offset + size - 1]);
    const prefix = `${key}/`;
    const d = new Map();
    for (let p = 0; p < cd.length && cd.readUInt32LE(p) === 0x02014b50; ) {
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      if (name.startsWith(prefix)) {
        d.set(name.slice(prefix.length), { method: cd.readUInt16LE(p + 10), size: cd.readUInt32LE(p + 20), offset: cd.readUInt32LE(p + 42), nameLen });
      }
      p += 46 + nameLen + extraLen + commentLen;
    }
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    fs.writeFileSync(cacheFile, JSON.stringify([...d]));
    zips.set(key, d);
    return d;
  }

  /** The bytes of one file of a module version, or undefined when the version has no such file. */
  async function readBytes(mod, version, rel) {
    const cached = path.join(cacheDir, `${mod}@${version}`, rel);
    if (fs.existsSync(cached)) return fs.readFileSync(cached);
    const d = await directory(mod, version);
    const e = d.get(rel);
    if (!e) return undefined;
    const url = `${PROXY}/${mod}/@v/${version}.zip`;
    // The local header repeats the name and may carry an extra field; fetch a little slack, more if needed.
    let { buf } = await get(url, [e.offset, e.offset + 30 + e.nameLen + 512 + e.size]);
    const start = 30 + buf.readUInt16LE(26) + buf.readUInt16LE(28);
    if (start + e.size > buf.length) ({ buf } = await get(url, [e.offset, e.offset + start + e.size]));
    const raw = buf.subarray(start, start + e.size);
    const data = e.method === 0 ? raw : e.method === 8 ? zlib.inflateRawSync(raw) : undefined;
    if (!data) throw new Error(`${mod}@${version}/${rel}: unsupported zip compression method ${e.method}`);
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    fs.writeFileSync(cached, data);
    return data;
  }

  /** The text of one file, or undefined when the version has no such file. */
  async function readFile(mod, version, rel) {
    const data = await readBytes(mod, version, rel);
    return data === undefined ? undefined : data.toString('utf8');
  }

  /** { relativePath: text } of every file `want` accepts, a few requests at a time (the proxy is shared). */
  async function files(mod, version, want) {
    const d = await directory(mod, version);
    const names = [...d.keys()].filter(want).sort();
    const out = {};
    for (let i = 0; i < names.length; i += 6) {
      const batch = names.slice(i, i + 6);
      const texts = await Promise.all(batch.map((n) => readFile(mod, version, n)));
      batch.forEach((n, k) => (out[n] = texts[k]));
    }
    return out;
  }

  return { directory, readFile, files };
}

module.exports = { PROXY, get, listVersions, moduleZips };
