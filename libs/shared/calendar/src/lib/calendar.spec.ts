import {
  addDays,
  addMonths,
  clockFromEnv,
  daysBetween,
  fixedClock,
  isDay,
  isDayInRange,
  isoWeek,
  parisDay,
  parisInstant,
  parisOffsetMinutes,
  systemClock,
  weekStart,
} from './calendar.js';

describe('the Paris calendar', () => {
  it('reads the day of an instant in Paris, not in UTC (00:00–02:00 Paris is still yesterday in UTC)', () => {
    expect(parisDay(new Date('2026-12-04T23:30:00Z'))).toBe('2026-12-05'); // 00:30 in Paris (winter, UTC+1)
    expect(parisDay(new Date('2026-07-14T22:30:00Z'))).toBe('2026-07-15'); // 00:30 in Paris (summer, UTC+2)
    expect(parisDay(new Date('2026-07-14T21:59:59Z'))).toBe('2026-07-14');
    expect(parisDay(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('knows the offset and the wall-clock instants across daylight saving time', () => {
    expect(parisOffsetMinutes(new Date('2026-01-15T12:00:00Z'))).toBe(60);
    expect(parisOffsetMinutes(new Date('2026-07-15T12:00:00Z'))).toBe(120);
    expect(parisInstant('2026-03-29', 12).toISOString()).toBe('2026-03-29T10:00:00.000Z'); // DST starts at 02:00 that day
    expect(parisInstant('2026-10-25', 12).toISOString()).toBe('2026-10-25T11:00:00.000Z'); // DST ends at 03:00 that day
    expect(parisInstant('2026-12-05').toISOString()).toBe('2026-12-04T23:00:00.000Z');
  });

  it('accepts real days only, in the supported range', () => {
    expect(isDay('2028-02-29')).toBe(true); // leap year
    expect(isDay('2027-02-29')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('2026-1-01')).toBe(false);
    expect(isDay(20260101)).toBe(false);
    expect(isDayInRange('9999-12-31')).toBe(false);
    expect(isDayInRange('1999-12-31')).toBe(false);
    expect(isDayInRange('2100-12-31')).toBe(true);
  });

  it('adds days and months on the calendar (month ends clamp, leap Februaries)', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // the 23-hour day does not matter
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonths('2028-03-31', -1)).toBe('2028-02-29');
    expect(addMonths('2026-12-05', 1)).toBe('2027-01-05');
    expect(addMonths('2026-12-05', -12)).toBe('2025-12-05');
  });

  it('numbers ISO weeks, including week 53 and weeks that belong to the previous or next year', () => {
    expect(isoWeek('2026-12-31')).toEqual({ year: 2026, week: 53 }); // 2026 has 53 ISO weeks
    expect(isoWeek('2027-01-03')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 });
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeek('2027-12-31')).toEqual({ year: 2027, week: 52 });
    expect(weekStart('2027-01-03')).toBe('2026-12-28');
    expect(weekStart('2026-12-28')).toBe('2026-12-28');
  });
});

describe('the clock', () => {
  it('pins the day with VIGIE_TODAY: today is that day and now is its noon in Paris', () => {
    const c = clockFromEnv({ VIGIE_TODAY: '2027-06-30' });
    expect(c.today()).toBe('2027-06-30');
    expect(c.pinned).toBe('2027-06-30');
    expect(c.now().toISOString()).toBe('2027-06-30T10:00:00.000Z');
    expect(parisDay(c.now())).toBe(c.today());
    expect(fixedClock('2026-12-31').now().toISOString()).toBe('2026-12-31T11:00:00.000Z');
  });

  it('follows the system when VIGIE_TODAY is unset or empty', () => {
    for (const env of [{}, { VIGIE_TODAY: '' }, { VIGIE_TODAY: '  ' }]) {
      const c = clockFromEnv(env);
      expect(c.pinned).toBeNull();
      expect(c.today()).toBe(parisDay(c.now()));
    }
    expect(systemClock().today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses a day that is not one, with the variable named', () => {
    expect(() => clockFromEnv({ VIGIE_TODAY: '2027-02-29' })).toThrow(/VIGIE_TODAY="2027-02-29" is not a calendar day/);
    expect(() => clockFromEnv({ VIGIE_TODAY: 'tomorrow' })).toThrow(RangeError);
    expect(() => fixedClock('9999-12-31')).toThrow(RangeError);
  });
});
