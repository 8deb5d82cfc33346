import { afterEach, describe, expect, it, vi } from 'vitest';
import { inTimeZone } from '../../test/support/time-zone.js';
import { HcpcsError } from '../errors.js';
import { addMonths, parseServiceDate, requireServiceDate, today } from './dates.js';

describe('service dates', () => {
  it('reads ISO, YYYYMMDD and US dates', () => {
    expect(parseServiceDate('2023-12-15')).toBe('2023-12-15');
    expect(parseServiceDate('20231215')).toBe('2023-12-15');
    expect(parseServiceDate('12/15/2023')).toBe('2023-12-15');
    expect(parseServiceDate('1/5/2024')).toBe('2024-01-05');
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2023-02-30', '2023-13-01', '15/12/2023', 'yesterday', '2023-1-5', '']) {
      expect(parseServiceDate(bad)).toBeUndefined();
    }
  });

  it('names the parameter in a usage error', () => {
    expect(() => requireServiceDate('2023-02-30')).toThrowError(HcpcsError);
    expect(() => requireServiceDate('x', 'date')).toThrowError(/^date "x" is not a date/);
  });

  it('adds months across years', () => {
    expect(addMonths('2020-10-01', 3)).toBe('2021-01-01');
    expect(addMonths('2020-01-15', 12)).toBe('2021-01-01');
  });
});

describe('today', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is the day where the program runs, not UTC's", () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // 8 pm on New Year's Eve in New York is already January 1 in UTC.
    vi.setSystemTime(new Date('2026-01-01T01:00:00Z'));
    expect(inTimeZone('America/New_York', today)).toBe('2025-12-31');
    expect(inTimeZone('UTC', today)).toBe('2026-01-01');
    // 9 am on January 1 in Tokyo is still December 31 in UTC.
    vi.setSystemTime(new Date('2025-12-31T23:30:00Z'));
    expect(inTimeZone('Asia/Tokyo', today)).toBe('2026-01-01');
  });
});
