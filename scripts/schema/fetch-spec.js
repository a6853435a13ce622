/**
 * Reads files out of the k8s.io/kubernetes module zip on the Go module proxy with HTTP range requests: the
 * central directory first, then only the entries asked for, so a spec costs a few MB instead of the whole zip.
 * Results are cached under ~/.cache/kubeforge/specs/<version>/ (developers only; CI never runs this).
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const { listVersions: versionsOf, moduleZips } = require('./module-zip');

const MODULE = 'k8s.io/kubernetes';
const zips = moduleZips({ cacheDir: path.join(os.homedir(), '.cache', 'kubeforge', 'specs') });

async function listVersions() {
  return versionsOf(MODULE);
}

/**
 * The spec files of one module version whose path (relative to the module root) `want` accepts, as
 * { relativePath: parsedJson }, from the cache when present.
 */
async function specFiles(version, want) {
  const texts = await zips.files(MODULE, version, (rel) => rel.startsWith('api/openapi-spec/') && want(rel));
  const out = {};
  for (const [rel, text] of Object.entries(texts)) out[rel] = JSON.parse(text);
  return out;
}

module.exports = { listVersions, specFiles };
