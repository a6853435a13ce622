#!/usr/bin/env node
/**
 * Replays the rule calls that scripts/rules/record.js recorded against a build and reports every call whose
 * findings (or thrown error) differ from the recorded ones.
 * Usage: node scripts/rules/replay.js <record dir> [build dir, default ./build]
 */
const fs = require('fs');
const path = require('path');
const v8 = require('v8');
const { isDeepStrictEqual } = require('util');

const [dir, buildArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: replay.js <record dir> [build dir]');
const rules = require(path.join(path.resolve(buildArg ?? path.join(__dirname, '../../build')), 'lib/rules'));
const byId = new Map([...rules.OBJECT_RULES, ...rules.SET_RULES].map((r) => [r.id, r]));

function outcome(fn) {
  try {
    return { value: v8.deserialize(v8.serialize(fn())) };
  } catch (e) {
    return { threw: String(e && e.message) };
  }
}

let calls = 0;
let findings = 0;
const differ = [];
const seen = new Set();
for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.bin'))) {
  for (const rec of v8.deserialize(fs.readFileSync(path.join(dir, f)))) {
    const key = `${rec.target}\u0000${Buffer.from(rec.args).toString('base64')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const args = v8.deserialize(rec.args);
    const [kind, name] = rec.target.split(':');
    const call = kind === 'rule' ? (...a) => byId.get(name).check(...a) : rules[name];
    const got = outcome(() => call(...args));
    calls++;
    findings += rec.result.value?.length ?? 0;
    if (!isDeepStrictEqual(got, rec.result)) differ.push({ target: rec.target, expected: rec.result, got });
  }
}
console.log(`${calls} recorded calls (${findings} findings) replayed, ${differ.length} differ`);
for (const d of differ.slice(0, 10)) console.log(JSON.stringify(d, null, 1).slice(0, 3000));
process.exitCode = differ.length === 0 ? 0 : 1;
