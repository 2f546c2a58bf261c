// The catalogue's in-memory read model: every published post as an entry, kept in four sort
// orders, filtered per request by pure functions. See catalogue.service.ts for when it reloads.
import { countryName, regionOf, type Region } from '../../platform/geo/countries.ts';
import { foldText } from '../../platform/geo/fold.ts';
import { dayIn } from '../../platform/time/zoned.ts';
import { checkEligibility, type LanguageRequirement, type Level, type StudentFacts } from './eligibility.ts';
import type { CatalogueSort } from './catalogue.input.ts';

export interface CatalogueRowLike {
  id: string;
  title: string;
  description: string;
  duties: string;
  durationMonths: number;
  earliestStart: string;
  latestStart: string;
  places: number;
  levels: Level[];
  courses: string[];
  minYear: number | null;
  languages: LanguageRequirement[];
  sdgs: number[];
  publishedAt: Date | null;
  organisationId: string;
  partnerName: string;
  partnerShortName: string;
  unitName: string | null;
  officeId: string;
  officeName: string;
  city: string;
  country: string;
  servesCountry: string;
  latitude: number;
  longitude: number;
  roundId: string;
  roundName: string;
  roundTimeZone: string;
  applicationsOpenAt: Date;
  applicationsCloseAt: Date;
}

// What a list item shows (no long texts: they only feed the search).
export interface CatalogueEntry extends Omit<CatalogueRowLike, 'description' | 'duties'> {
  countryName: string;
  region: Region | undefined;
  // the round's closing day in its own zone: the day eligibility is judged on
  closeDay: string;
  unitKey: string;
  searchText: string;
  // the office's place in the order offices are listed (country, city, name)
  officeRank: number;
}

export interface CatalogueFilter {
  words: string[];
  country?: string | undefined;
  region?: Region | undefined;
  partner?: string | undefined;
  office?: string | undefined;
  unit?: string | undefined;
  minMonths?: number | undefined;
  maxMonths?: number | undefined;
  start?: string | undefined;
  level?: Level | undefined;
  sdg?: number | undefined;
}

export interface OfficeMarker {
  officeId: string;
  officeName: string;
  city: string;
  country: string;
  countryName: string;
  latitude: number;
  longitude: number;
  count: number;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

// Every distinct word of the searchable texts, once: the search looks for each query word in it.
function searchTextOf(parts: (string | null | undefined)[]): string {
  const words = new Set<string>();
  for (const part of parts) {
    if (!part) continue;
    for (const word of foldText(part).split(' ')) if (word) words.add(word);
  }
  return ` ${[...words].join(' ')} `;
}

export function toEntry(row: CatalogueRowLike): CatalogueEntry {
  const { description, duties, ...rest } = row;
  const officeCountryName = countryName(row.country) ?? row.country;
  return {
    ...rest,
    countryName: officeCountryName,
    region: regionOf(row.country),
    closeDay: dayIn(row.applicationsCloseAt, row.roundTimeZone),
    unitKey: row.unitName ? foldText(row.unitName) : '',
    officeRank: 0,
    searchText: searchTextOf([
      row.title,
      description,
      duties,
      row.unitName,
      row.officeName,
      row.city,
      officeCountryName,
      countryName(row.servesCountry),
      row.partnerName,
      row.partnerShortName,
    ]),
  };
}

const byTitle = (a: CatalogueEntry, b: CatalogueEntry) => collator.compare(a.title, b.title) || a.id.localeCompare(b.id);
const byDeadline = (a: CatalogueEntry, b: CatalogueEntry) => a.applicationsCloseAt.getTime() - b.applicationsCloseAt.getTime() || byTitle(a, b);
const comparators: Record<CatalogueSort, (a: CatalogueEntry, b: CatalogueEntry) => number> = {
  deadline: byDeadline,
  title: (a, b) => byTitle(a, b),
  duration: (a, b) => a.durationMonths - b.durationMonths || byDeadline(a, b),
  newest: (a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0) || byTitle(a, b),
};

// Sorted once per load, so a request only filters; offices ranked once, so markers sort by a number.
export function sortedOrders(entries: CatalogueEntry[]): Record<CatalogueSort, CatalogueEntry[]> {
  const offices = new Map<string, CatalogueEntry>();
  for (const e of entries) if (!offices.has(e.officeId)) offices.set(e.officeId, e);
  const ranked = [...offices.values()].sort((a, b) => collator.compare(a.countryName, b.countryName) || collator.compare(a.city, b.city) || collator.compare(a.officeName, b.officeName) || a.officeId.localeCompare(b.officeId));
  const rank = new Map(ranked.map((e, i) => [e.officeId, i]));
  for (const e of entries) e.officeRank = rank.get(e.officeId) ?? 0;
  return {
    deadline: [...entries].sort(comparators.deadline),
    title: [...entries].sort(comparators.title),
    duration: [...entries].sort(comparators.duration),
    newest: [...entries].sort(comparators.newest),
  };
}

export function isOpen(entry: Pick<CatalogueEntry, 'applicationsOpenAt' | 'applicationsCloseAt'>, now: Date): boolean {
  return entry.applicationsOpenAt <= now && now < entry.applicationsCloseAt;
}

// Query text as search words: folded like the texts, at most 10, each looked up anywhere in a word.
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return foldText(q).split(' ').filter(Boolean).slice(0, 10);
}

// The filter as one test per chosen filter, so an entry is checked only against what was asked.
export function matcher(filter: CatalogueFilter): (entry: CatalogueEntry) => boolean {
  const tests: ((e: CatalogueEntry) => boolean)[] = [];
  const { country, region, partner, office, unit, minMonths, maxMonths, start, level, sdg } = filter;
  if (country) tests.push((e) => e.country === country);
  if (region) tests.push((e) => e.region === region);
  if (partner) tests.push((e) => e.organisationId === partner);
  if (office) tests.push((e) => e.officeId === office);
  if (unit) {
    const key = foldText(unit);
    tests.push((e) => e.unitKey === key);
  }
  if (minMonths !== undefined) tests.push((e) => e.durationMonths >= minMonths);
  if (maxMonths !== undefined) tests.push((e) => e.durationMonths <= maxMonths);
  if (start) {
    // a start window overlapping the month: earliest start on or before its last day, latest on or after its first
    const first = `${start}-01`;
    const last = `${start}-31`;
    tests.push((e) => e.earliestStart <= last && e.latestStart >= first);
  }
  if (level) tests.push((e) => e.levels.includes(level));
  if (sdg !== undefined) tests.push((e) => e.sdgs.includes(sdg));
  for (const word of filter.words) tests.push((e) => e.searchText.includes(word));
  return (e) => tests.every((test) => test(e));
}

export function matches(entry: CatalogueEntry, filter: CatalogueFilter): boolean {
  return matcher(filter)(entry);
}

export function isFiltering(filter: CatalogueFilter): boolean {
  return (
    filter.words.length > 0 ||
    [filter.country, filter.region, filter.partner, filter.office, filter.unit, filter.minMonths, filter.maxMonths, filter.start, filter.level, filter.sdg].some((v) => v !== undefined)
  );
}

export function isEligibleFor(facts: StudentFacts, entry: CatalogueEntry): boolean {
  return checkEligibility(facts, entry, entry.closeDay).eligible;
}

// One marker per office, with how many of the entries are there.
export function officeMarkers(entries: CatalogueEntry[]): OfficeMarker[] {
  const counts = new Map<string, { entry: CatalogueEntry; count: number }>();
  for (const e of entries) {
    const seen = counts.get(e.officeId);
    if (seen) seen.count++;
    else counts.set(e.officeId, { entry: e, count: 1 });
  }
  return [...counts.values()]
    .sort((a, b) => a.entry.officeRank - b.entry.officeRank)
    .map(({ entry: e, count }) => ({
      officeId: e.officeId,
      officeName: e.officeName,
      city: e.city,
      country: e.country,
      countryName: e.countryName,
      latitude: e.latitude,
      longitude: e.longitude,
      count,
    }));
}

export interface FilterOptions {
  partners: { id: string; name: string }[];
  units: string[];
  countries: { code: string; name: string }[];
  regions: Region[];
  startMonths: string[];
  durations: number[];
}

// The choices in the filter form: what the open catalogue has, so no choice leads nowhere.
export function filterOptions(entries: CatalogueEntry[]): FilterOptions {
  const partners = new Map<string, string>();
  const units = new Map<string, string>();
  const countries = new Map<string, string>();
  const regions = new Set<Region>();
  const durations = new Set<number>();
  let first = '';
  let last = '';
  for (const e of entries) {
    partners.set(e.organisationId, e.partnerShortName || e.partnerName);
    if (e.unitName && !units.has(e.unitKey)) units.set(e.unitKey, e.unitName);
    countries.set(e.country, e.countryName);
    if (e.region) regions.add(e.region);
    durations.add(e.durationMonths);
    if (first === '' || e.earliestStart < first) first = e.earliestStart;
    if (last === '' || e.latestStart > last) last = e.latestStart;
  }
  return {
    partners: [...partners].map(([id, name]) => ({ id, name })).sort((a, b) => collator.compare(a.name, b.name)),
    units: [...units.values()].sort(collator.compare),
    countries: [...countries].map(([code, name]) => ({ code, name })).sort((a, b) => collator.compare(a.name, b.name)),
    regions: [...regions].sort(),
    startMonths: monthsBetween(first.slice(0, 7), last.slice(0, 7)),
    durations: [...durations].sort((a, b) => a - b),
  };
}

// "2026-09" … "2027-02", at most two years of months
function monthsBetween(first: string, last: string): string[] {
  if (!first || !last) return [];
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  while (months.length < 24) {
    const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (value > last) break;
    months.push(value);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}
