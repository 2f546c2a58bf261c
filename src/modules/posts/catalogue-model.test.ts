import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterOptions, isFiltering, matcher, officeMarkers, searchWords, sortedOrders, toEntry, type CatalogueRowLike } from './catalogue-model.ts';

let n = 0;
function row(values: Partial<CatalogueRowLike> = {}): CatalogueRowLike {
  n++;
  return {
    id: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
    title: `Post ${n}`,
    description: '',
    duties: '',
    durationMonths: 6,
    earliestStart: '2026-09-01',
    latestStart: '2026-10-01',
    places: 1,
    levels: ['UG'],
    courses: [],
    minYear: null,
    languages: [],
    sdgs: [],
    publishedAt: new Date('2026-01-01T00:00:00Z'),
    organisationId: 'org-1',
    partnerName: 'Agency',
    partnerShortName: 'AG',
    unitName: null,
    officeId: 'office-1',
    officeName: 'Office',
    city: 'Nairobi',
    country: 'KE',
    servesCountry: 'KE',
    latitude: 0,
    longitude: 0,
    roundId: 'round-1',
    roundName: 'Round',
    roundTimeZone: 'Europe/London',
    applicationsOpenAt: new Date('2026-02-01T00:00:00Z'),
    applicationsCloseAt: new Date('2026-03-31T16:00:00Z'),
    ...values,
  };
}

test('a start month matches a start window that overlaps it, to the day', () => {
  const entry = toEntry(row({ earliestStart: '2026-09-30', latestStart: '2026-11-01' }));
  const starts = (start: string) => matcher({ words: [], start })(entry);
  assert.equal(starts('2026-08'), false);
  assert.equal(starts('2026-09'), true, 'earliest start on the last day of the month');
  assert.equal(starts('2026-10'), true);
  assert.equal(starts('2026-11'), true, 'latest start on the first day of the month');
  assert.equal(starts('2026-12'), false);
});

test('search words are folded like the texts and each must appear', () => {
  assert.deepEqual(searchWords('  Genève, “Programme”  SUPPORT '), ['geneve', 'programme', 'support']);
  assert.deepEqual(searchWords(''), []);
  assert.equal(searchWords('a b c d e f g h i j k l').length, 10);
  const entry = toEntry(row({ title: 'Protection Intern', description: 'Work in Genève with the réintégration team', servesCountry: 'SO', unitName: 'Programme Support Unit' }));
  const finds = (q: string) => matcher({ words: searchWords(q) })(entry);
  assert.ok(finds('geneve'));
  assert.ok(finds('REINTEGRATION protection'));
  assert.ok(finds('somalia kenya'), 'the served and the host country by name');
  assert.ok(finds('support unit'));
  assert.ok(finds('AG agency'));
  assert.ok(!finds('protection lima'));
});

test('filters: unit by name in any case, duration bounds inclusive, level and goal', () => {
  const entry = toEntry(row({ unitName: 'Migration Policy Unit', durationMonths: 6, levels: ['PG', 'recent_graduate'], sdgs: [5, 10] }));
  const test = (filter: Parameters<typeof matcher>[0]) => matcher(filter)(entry);
  assert.ok(test({ words: [], unit: 'migration policy unit' }));
  assert.ok(!test({ words: [], unit: 'Programme Support Unit' }));
  assert.ok(test({ words: [], minMonths: 6, maxMonths: 6 }));
  assert.ok(!test({ words: [], minMonths: 7 }));
  assert.ok(test({ words: [], level: 'recent_graduate', sdg: 10 }));
  assert.ok(!test({ words: [], level: 'UG' }));
  assert.ok(!test({ words: [], sdg: 1 }));
  assert.ok(test({ words: [], region: 'Africa', country: 'KE' }));
  assert.ok(!test({ words: [], region: 'Asia' }));
  assert.equal(isFiltering({ words: [] }), false);
  assert.equal(isFiltering({ words: [], sdg: 3 }), true);
});

test('one marker per office with its count, offices in country, city, name order', () => {
  const entries = [
    row({ officeId: 'b', officeName: 'Pacific', city: 'Suva', country: 'FJ' }),
    row({ officeId: 'a', officeName: 'Lao', city: 'Vientiane', country: 'LA' }),
    row({ officeId: 'b', officeName: 'Pacific', city: 'Suva', country: 'FJ' }),
    row({ officeId: 'c', officeName: 'Alpha', city: 'Nairobi', country: 'KE' }),
  ].map(toEntry);
  sortedOrders(entries);
  assert.deepEqual(
    officeMarkers(entries).map((m) => [m.officeId, m.countryName, m.count]),
    [
      ['b', 'Fiji', 2],
      ['c', 'Kenya', 1],
      ['a', 'Laos', 1],
    ],
  );
  assert.deepEqual(officeMarkers([]), []);
});

test('sort orders: closing date then title, title, duration, newest first', () => {
  const entries = [
    row({ title: 'b', durationMonths: 9, applicationsCloseAt: new Date('2026-04-01T00:00:00Z'), publishedAt: new Date('2026-01-03T00:00:00Z') }),
    row({ title: 'C', durationMonths: 4, applicationsCloseAt: new Date('2026-03-01T00:00:00Z'), publishedAt: null }),
    row({ title: 'a', durationMonths: 6, applicationsCloseAt: new Date('2026-04-01T00:00:00Z'), publishedAt: new Date('2026-01-02T00:00:00Z') }),
  ].map(toEntry);
  const orders = sortedOrders(entries);
  assert.deepEqual(orders.deadline.map((e) => e.title), ['C', 'a', 'b']);
  assert.deepEqual(orders.title.map((e) => e.title), ['a', 'b', 'C']);
  assert.deepEqual(orders.duration.map((e) => e.title), ['C', 'a', 'b']);
  assert.deepEqual(orders.newest.map((e) => e.title), ['b', 'a', 'C']);
});

test('filter choices come from the posts: partners, units, countries, regions, months and durations', () => {
  const options = filterOptions(
    [
      row({ organisationId: 'o2', partnerShortName: 'Zeta', unitName: 'Policy Unit', country: 'CH', earliestStart: '2026-11-15', latestStart: '2027-01-10', durationMonths: 9 }),
      row({ organisationId: 'o1', partnerShortName: 'Alpha', unitName: 'policy unit', country: 'KE', earliestStart: '2026-10-01', latestStart: '2026-10-20', durationMonths: 4 }),
    ].map(toEntry),
  );
  assert.deepEqual(options.partners, [
    { id: 'o1', name: 'Alpha' },
    { id: 'o2', name: 'Zeta' },
  ]);
  assert.deepEqual(options.units, ['Policy Unit'], 'one unit however it is written');
  assert.deepEqual(options.countries, [
    { code: 'KE', name: 'Kenya' },
    { code: 'CH', name: 'Switzerland' },
  ]);
  assert.deepEqual(options.regions, ['Africa', 'Europe']);
  assert.deepEqual(options.startMonths, ['2026-10', '2026-11', '2026-12', '2027-01']);
  assert.deepEqual(options.durations, [4, 9]);
  assert.deepEqual(filterOptions([]).startMonths, []);
});
