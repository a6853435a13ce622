/**
 * CronJob schedules and time zones as the API server checks them: the schedule must parse with the standard
 * 5-field cron grammar the CronJob controller uses (robfig/cron ParseStandard, including the @-macros), it may
 * not carry a TZ= or CRON_TZ= prefix, and spec.timeZone must name an IANA time zone.
 */
import { Issue } from '../../util/errors';
import { ObjectRule } from '../types';
import { Sink, isObj, isStr, show, sink } from './support';

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
/** Go's time.ParseDuration grammar, which `@every` uses. */
const GO_DURATION = /^(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))*$/;
const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

const ALLOWED = 'five fields "minute hour day-of-month month day-of-week" (each *, a number, a range a-b, a step */n or a-b/n, or a comma list; months jan-dec and days sun-sat by name), or @yearly, @monthly, @weekly, @daily, @hourly, @every <duration>';

/** Why `schedule` does not parse, or undefined when it does. */
export function scheduleProblem(schedule: string): string | undefined {
  const fields = schedule.trim().split(/\s+/).filter((f) => f !== '');
  if (fields.length === 0) return 'the schedule is empty';
  if (fields[0].startsWith('@')) {
    if (fields[0] === '@every') {
      if (fields.length !== 2 || !GO_DURATION.test(fields[1])) return `"@every" needs one duration such as "5m" or "1h30m"`;
      return undefined;
    }
    if (fields.length === 1 && MACROS.has(fields[0])) return undefined;
    return `unrecognized descriptor ${show(fields[0])}`;
  }
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}`;
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(fields[i], FIELDS[i]);
    if (problem) return `${FIELDS[i].name} field ${show(fields[i])}: ${problem}`;
  }
  return undefined;
}

function fieldProblem(text: string, f: Field): string | undefined {
  for (const part of text.split(',')) {
    const [range, step, extra] = part.split('/');
    if (extra !== undefined) return 'too many slashes';
    if (step !== undefined && (!/^\d+$/.test(step) || Number(step) === 0)) return `step ${show(step)} must be a positive number`;
    if (range === '*' || range === '?') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `${show(range)} has too many hyphens`;
    const values: number[] = [];
    for (const b of bounds) {
      const v = valueOf(b, f);
      if (v === undefined) return `${show(b)} is not a number${f.names ? ` or a ${f.name} name (${f.names[0]}-${f.names[f.names.length - 1]})` : ''}`;
      if (v < f.min || v > f.max) return `${v} is outside ${f.min}-${f.max}`;
      values.push(v);
    }
    if (values.length === 2 && values[0] > values[1]) return `the range ${range} starts after it ends`;
  }
  return undefined;
}

function valueOf(token: string, f: Field): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  const i = f.names?.indexOf(token.toLowerCase()) ?? -1;
  return i < 0 ? undefined : i + f.min;
}

/** Why `tz` is not an IANA time zone name the API server can load, or undefined. */
export function timeZoneProblem(tz: string): string | undefined {
  if (tz === '') return 'timeZone must be unset or a non-empty string';
  if (tz.toLowerCase() === 'local') return 'timeZone must name an explicit zone; "Local" depends on the controller\'s machine';
  const parts = tz.split('/');
  if (parts.some((p) => p === '.' || p === '..' || p.startsWith('-') || !TZ_PART.test(p))) return 'it is not a time zone name (parts of 1-14 letters, digits, ".", "-", "_" and "+", separated by "/")';
  // Zone names are case-sensitive for the API server, so "america/new_york" fails even though ICU accepts it.
  if (parts.some((p) => !/^[A-Z]/.test(p))) return 'IANA zone names start each part with a capital letter';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    return 'it is not in the IANA time zone database';
  }
  return undefined;
}

export const cronJobScheduleRule: ObjectRule = {
  id: 'cronjob-schedule',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['CronJob'],
  description: 'A CronJob schedule is valid standard cron syntax without TZ prefixes, and timeZone names an IANA time zone.',
  check(obj, path): Issue[] {
    if (obj?.kind !== 'CronJob' || !isObj(obj.spec)) return [];
    const out = sink('cronjob-schedule', path);
    checkSchedule(obj.spec.schedule, out);
    const tz = obj.spec.timeZone;
    if (tz !== undefined && tz !== null) {
      const problem = isStr(tz) ? timeZoneProblem(tz) : 'timeZone must be a string';
      if (problem) out.add('/spec/timeZone', `timeZone ${show(tz)} is invalid: ${problem}`, 'use an IANA name such as "Europe/Berlin", "America/New_York" or "UTC"');
    }
    return out.issues;
  },
};

function checkSchedule(schedule: unknown, out: Sink): void {
  if (schedule === undefined || schedule === null || schedule === '') {
    return out.add('/spec/schedule', 'the CronJob has no spec.schedule; the API server requires one', 'set a schedule, e.g. "0 3 * * *" (03:00 every day)');
  }
  if (!isStr(schedule)) return out.add('/spec/schedule', `schedule must be a string (got ${show(schedule)})`, 'quote the schedule, e.g. "*/5 * * * *"');
  const tz = /^\s*(CRON_TZ|TZ)=(\S*)\s*(.*)$/.exec(schedule);
  if (schedule.includes('TZ')) {
    const zone = tz ? `timeZone: "${tz[2]}" and schedule: "${tz[3]}"` : 'spec.timeZone';
    out.add('/spec/schedule', `schedule ${show(schedule)} uses TZ or CRON_TZ; the API server rejects time zones in the schedule`, `use ${zone}`);
    if (tz) {
      const problem = scheduleProblem(tz[3]);
      if (problem) out.add('/spec/schedule', `schedule ${show(schedule)} is not valid cron syntax (${problem}); allowed: ${ALLOWED}`, 'fix the schedule, e.g. "*/5 * * * *" (every 5 minutes)');
    }
    return;
  }
  const problem = scheduleProblem(schedule);
  if (problem) out.add('/spec/schedule', `schedule ${show(schedule)} is not valid cron syntax (${problem}); allowed: ${ALLOWED}`, 'fix the schedule, e.g. "*/5 * * * *" (every 5 minutes) or "@daily"');
}
