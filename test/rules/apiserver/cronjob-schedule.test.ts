import { cronJobScheduleRule as rule, scheduleProblem, timeZoneProblem } from '../../../lib/rules/apiserver/cronjob-schedule';
import { broken, expectOne, fixtures, run } from './fixtures';

const cron = (schedule: unknown, timeZone?: unknown) => broken(fixtures.cronJob(), (o) => {
  o.spec.schedule = schedule;
  if (timeZone === undefined) delete o.spec.timeZone;
  else o.spec.timeZone = timeZone;
});

describe('cronjob-schedule', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  test.each([
    '* * * * *', '*/5 * * * *', '0 3 * * *', '0 0 1 1 *', '15,45 9-17/2 * * 1-5', '0 12 * JAN-mar sun,SAT', '5/15 * ? * *',
    '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@every 1h30m', '  0  3  *  *  *  ',
  ])('accepts the schedule %j', (schedule) => {
    expect(scheduleProblem(schedule)).toBeUndefined();
    expect(run(rule, cron(schedule))).toEqual([]);
  });

  test.each<[string, string]>([
    ['* * * *', 'expected exactly 5 fields, found 4'],
    ['0 0 * * * *', 'found 6'],
    ['60 * * * *', 'minute field "60": 60 is outside 0-59'],
    ['0 24 * * *', 'hour field'],
    ['0 0 0 * *', 'day of month field "0": 0 is outside 1-31'],
    ['0 0 * 13 *', 'month field'],
    ['0 0 * * 7', 'day of week field "7": 7 is outside 0-6'],
    ['0 0 * * monday', '"monday" is not a number or a day of week name'],
    ['*/0 * * * *', 'step "0" must be a positive number'],
    ['30-10 * * * *', 'the range 30-10 starts after it ends'],
    ['@reboot', 'unrecognized descriptor "@reboot"'],
    ['@every', '"@every" needs one duration'],
    ['1-2-3 * * * *', 'too many hyphens'],
  ])('rejects the schedule %j', (schedule, fragment) => {
    expect(scheduleProblem(schedule)).toContain(fragment);
    expectOne(rule, cron(schedule), '/spec/schedule', 'not valid cron syntax', fragment);
  });

  test('a CRON_TZ prefix is rejected with the timeZone field to use instead', () => {
    const issue = expectOne(rule, cron('CRON_TZ=Europe/Berlin 0 3 * * *'), '/spec/schedule', 'TZ or CRON_TZ');
    expect(issue.fix).toBe('use timeZone: "Europe/Berlin" and schedule: "0 3 * * *"');
  });

  test('a TZ prefix is rejected even when the rest is fine', () => {
    expectOne(rule, cron('TZ=UTC @daily'), '/spec/schedule', 'TZ or CRON_TZ');
  });

  test('a missing schedule is required', () => {
    expectOne(rule, cron(undefined), '/spec/schedule', 'no spec.schedule');
  });

  test.each<[unknown, string]>([
    ['', 'non-empty string'],
    ['Local', '"Local"'],
    ['Mars/Olympus_Mons', 'not in the IANA time zone database'],
    ['america/new_york', 'capital letter'],
    ['Europe/../UTC', 'not a time zone name'],
    ['GMT+05:00', 'not a time zone name'],
    [5, 'must be a string'],
  ])('rejects the time zone %j', (tz, fragment) => {
    expectOne(rule, cron('0 3 * * *', tz), '/spec/timeZone', fragment);
  });

  test.each(['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'Asia/Kolkata'])('accepts the time zone %j', (tz) => {
    expect(timeZoneProblem(tz)).toBeUndefined();
    expect(run(rule, cron('0 3 * * *', tz))).toEqual([]);
  });

  test('an explicit null timeZone is the same as unset', () => {
    expect(run(rule, cron('0 3 * * *', null))).toEqual([]);
  });
});
