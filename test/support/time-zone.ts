/**
 * Runs `read` with the process in a time zone, then puts the zone back. Node takes a change of
 * `process.env.TZ` at once, so a test on a UTC machine (CI) can ask what a user west or east of
 * Greenwich sees.
 * @example inTimeZone('America/New_York', () => today()) // '2025-12-31' at 01:00 UTC on Jan 1
 */
export function inTimeZone<T>(zone: string, read: () => T): T {
  const held = process.env.TZ;
  process.env.TZ = zone;
  try {
    return read();
  } finally {
    if (held === undefined) delete process.env.TZ;
    else process.env.TZ = held;
  }
}

/** Time zones west of, at and east of Greenwich: where a date read as local time moves a day. */
export const ZONES_AROUND_THE_WORLD = ['America/Los_Angeles', 'UTC', 'Asia/Tokyo'] as const;
