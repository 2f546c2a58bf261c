// Wall-clock times in named IANA zones, without a time-zone library: Intl knows the rules.

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClock(at: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

// The calendar day (yyyy-mm-dd) of an instant in a zone.
export function dayIn(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

// "yyyy-mm-ddThh:mm" as shown by <input type="datetime-local">, in a zone.
export function localInputValue(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${dayIn(at, timeZone)}T${pad(w.hour)}:${pad(w.minute)}`;
}

function offsetMs(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at.getTime() / 1000) * 1000;
}

// The instant a wall-clock time in a zone names. In a gap (clocks going forward) it moves
// forward by the gap; in an overlap it takes the earlier instant.
export function zonedToUtc(local: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(asUtc);
  if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) return null;
  // the offsets in force half a day either side cover any single transition
  const before = asUtc - offsetMs(new Date(asUtc - 12 * 3_600_000), timeZone);
  const after = asUtc - offsetMs(new Date(asUtc + 12 * 3_600_000), timeZone);
  const names = (candidate: number) => offsetMs(new Date(candidate), timeZone) === asUtc - candidate;
  const valid = [before, after].filter(names);
  // no valid instant: a spring-forward gap; the offset from before the change moves it forward
  return new Date(valid.length > 0 ? Math.min(...valid) : before);
}

export function isIsoDay(value: string): boolean {
  return zonedToUtc(value, 'UTC') !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

export function addDays(day: string, days: number): string {
  const at = new Date(`${day}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const target = new Date(Date.UTC((y ?? 0) + years, (m ?? 1) - 1, d ?? 1, 12));
  // 29 February becomes 28 February
  if (target.getUTCMonth() !== (m ?? 1) - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

const dayFormatter = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

export function formatDay(day: string): string {
  return dayFormatter.format(new Date(`${day}T12:00:00Z`));
}
