// IANA time zones per country (countries-and-timezones), validated against the runtime's Intl.
import ct from 'countries-and-timezones';

// Zone names of the form Area/Location; legacy names such as "GB" or "US/Pacific" are left out.
const AREAS = new Set(['Africa', 'America', 'Antarctica', 'Arctic', 'Asia', 'Atlantic', 'Australia', 'Europe', 'Indian', 'Pacific']);
const LEGACY = /^Australia\/(ACT|NSW|North|South|West|Queensland|Tasmania|Victoria|LHI|Canberra|Yancowinna)$/;
// the gazetteer's XK (Kosovo) is not in the package; its clocks are Belgrade's
const EXTRA_ZONES: Record<string, string[]> = { XK: ['Europe/Belgrade'] };

function isGeographic(name: string): boolean {
  const area = name.split('/')[0] ?? '';
  return name.includes('/') && AREAS.has(area) && !LEGACY.test(name);
}

const zonesByCountry = new Map<string, string[]>();
let allZones: ReturnType<typeof ct.getAllTimezones> | undefined;

function zoneTable(): ReturnType<typeof ct.getAllTimezones> {
  allZones ??= ct.getAllTimezones({ deprecated: true });
  return allZones;
}

/**
 * The country's zones, sorted, named as the tz database's zone.tab names them: the package lists a
 * shared zone under another country's city (Laos under Asia/Bangkok), so such a zone is replaced by
 * its link named for a place in this country (Asia/Vientiane) when there is one. Empty when unknown.
 */
export function timeZonesOf(countryCode: string): string[] {
  const code = countryCode.toUpperCase();
  const cached = zonesByCountry.get(code);
  if (cached) return [...cached];
  const country = ct.getCountry(code);
  let zones: string[] = [];
  if (country) {
    const all = zoneTable();
    // a territory served only by another's link (HM: Indian/Kerguelen) has its zones among the deprecated ones
    const listed = country.timezones.length > 0 ? country.timezones : (ct.getCountry(code, { deprecated: true })?.timezones ?? []).filter(isGeographic);
    for (const name of listed) {
      const zone = all[name as keyof typeof all];
      if (!zone || zone.countries[0] === code) {
        zones.push(name);
        continue;
      }
      const local = Object.values(all)
        .filter((link) => link.aliasOf === name && (link.countries as readonly string[]).includes(code) && isGeographic(link.name))
        .map((link) => link.name)
        .sort();
      zones.push(local[0] ?? name);
    }
  } else {
    zones = EXTRA_ZONES[code] ?? [];
    // not cached: the code may be anything a form sent
    if (zones.length === 0) return [];
  }
  zones = [...new Set(zones)].sort();
  zonesByCountry.set(code, zones);
  return [...zones];
}

let knownZones: Set<string> | undefined;
const validity = new Map<string, boolean>();

/** True for an IANA zone name spelt exactly as in the tz database (links included) that Intl accepts. */
export function isTimeZone(name: string): boolean {
  const known = validity.get(name);
  if (known !== undefined) return known;
  if (!knownZones) {
    knownZones = new Set([...Object.keys(zoneTable()), ...Intl.supportedValuesOf('timeZone')]);
  }
  let valid = knownZones.has(name);
  if (valid) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
    } catch {
      valid = false;
    }
  }
  if (validity.size < 1000) validity.set(name, valid);
  return valid;
}

/** The place a zone is named after, as words ("America/Argentina/Buenos_Aires" → "Buenos Aires"). */
export function zoneLocation(zone: string): { place: string; within?: string } {
  const parts = zone.split('/');
  const place = (parts[parts.length - 1] ?? '').replace(/_/g, ' ');
  const within = parts.length > 2 ? parts[parts.length - 2]?.replace(/_/g, ' ') : undefined;
  return within ? { place, within } : { place };
}

/** True for a zone that is a link to another (Asia/Vientiane → Asia/Bangkok) in the tz database. */
export function isZoneLink(zone: string): boolean {
  const entry = (zoneTable() as Record<string, { aliasOf?: string | null } | undefined>)[zone];
  return Boolean(entry?.aliasOf);
}
