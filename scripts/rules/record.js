/**
 * Records every rule call that a jest run makes (input and findings), so that a rewrite of the rules can be
 * checked against the findings of the code before it: scripts/rules/replay.js runs the recorded inputs through
 * another build and compares. Use as a jest setup file, with the directory to write to in RULES_RECORD_DIR:
 *
 *   RULES_RECORD_DIR=/tmp/rec npx jest build/test/rules --setupFilesAfterEnv ./scripts/rules/record.js
 *
 * Inputs are recorded as structured clones (v8.serialize), and the findings are those of the rule on that
 * clone, so that a replay sees exactly the input the recorded findings came from. Calls whose input cannot be
 * cloned (functions in it) are skipped.
 */
const fs = require('fs');
const path = require('path');
const v8 = require('v8');
const crypto = require('crypto');

const dir = process.env.RULES_RECORD_DIR;
if (!dir) throw new Error('set RULES_RECORD_DIR');
const build = path.join(__dirname, '../../build/lib/rules');
const rules = require(build);

const records = new Map();

function clone(v) {
  return v8.deserialize(v8.serialize(v));
}

/** What a call produced: its findings, or the error it threw. */
function outcome(fn) {
  try {
    return { value: clone(fn()) };
  } catch (e) {
    return { threw: String(e && e.message) };
  }
}

function record(target, args, call) {
  let bytes;
  try {
    bytes = v8.serialize(args);
  } catch {
    return;
  }
  const key = crypto.createHash('sha256').update(target).update(bytes).digest('hex');
  if (records.has(key)) return;
  records.set(key, { target, args: bytes, result: outcome(() => call(...v8.deserialize(bytes))) });
}

for (const r of [...rules.OBJECT_RULES, ...rules.SET_RULES]) {
  const original = r.check;
  r.check = function (...args) {
    record(`rule:${r.id}`, args, (...a) => original.apply(r, a));
    return original.apply(this, args);
  };
}
for (const name of ['runObjectRules', 'runSetRules', 'validateObjects']) {
  const original = rules[name];
  rules[name] = function (...args) {
    record(`engine:${name}`, args, original);
    return original.apply(this, args);
  };
}

afterAll(() => {
  if (records.size === 0) return;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.bin`);
  fs.writeFileSync(file, v8.serialize([...records.values()]));
});
