import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countries, countryName, isCountryCode, regionOf, type Region } from './countries.ts';
import { foldText } from './fold.ts';
import { isTimeZone, timeZonesOf, zoneLocation } from './time-zones.ts';

test('countries are listed once each, sorted by English name, with Kosovo as GeoNames codes it', () => {
  const list = countries();
  assert.ok(list.length >= 249, `${list.length} countries`);
  assert.equal(new Set(list.map((c) => c.code)).size, list.length);
  const collator = new Intl.Collator('en', { sensitivity: 'base' });
  for (let i = 1; i < list.length; i++) assert.ok(collator.compare(list[i - 1]?.name ?? '', list[i]?.name ?? '') <= 0, `${list[i - 1]?.name} before ${list[i]?.name}`);
  assert.ok(list.every((c) => /^[A-Z]{2}$/.test(c.code) && c.name.length > 0));
  assert.equal(countryName('CH'), 'Switzerland');
  assert.equal(countryName('la'), 'Laos');
  assert.equal(countryName('XK'), 'Kosovo');
  assert.equal(countryName('ZZ'), undefined);
  assert.ok(isCountryCode('mz') && !isCountryCode('ZZ'));
  // callers get copies: changing one does not change the next list
  const mutated = countries();
  (mutated[0] as { name: string }).name = 'Changed';
  assert.notEqual(countries()[0]?.name, 'Changed');
});

test('every country has one of the five regions, except Antarctica', () => {
  const samples: Record<Region, string[]> = {
    Africa: ['KE', 'MZ', 'EG', 'ZA', 'NG', 'MA', 'RE', 'SH', 'EH'],
    Americas: ['US', 'CA', 'MX', 'BR', 'AR', 'JM', 'GL', 'FK', 'PR'],
    Asia: ['LA', 'CN', 'IN', 'JP', 'TR', 'CY', 'IL', 'KZ', 'AE', 'TL'],
    Europe: ['CH', 'GB', 'FR', 'DE', 'RU', 'UA', 'IS', 'XK', 'VA'],
    Oceania: ['AU', 'NZ', 'FJ', 'PG', 'WS', 'GU', 'UM', 'NC'],
  };
  for (const [region, codes] of Object.entries(samples)) for (const code of codes) assert.equal(regionOf(code), region, code);
  assert.equal(regionOf('ke'), 'Africa');
  assert.equal(regionOf('AQ'), undefined);
  assert.equal(regionOf('ZZ'), undefined);
  const missing = countries().filter((c) => c.code !== 'AQ' && regionOf(c.code) === undefined);
  assert.deepEqual(missing, []);
});

test('each country has its zones, named for its own places where the tz database has such a name', () => {
  assert.deepEqual(timeZonesOf('CH'), ['Europe/Zurich']);
  assert.deepEqual(timeZonesOf('KE'), ['Africa/Nairobi']);
  assert.deepEqual(timeZonesOf('MZ'), ['Africa/Maputo']);
  assert.deepEqual(timeZonesOf('la'), ['Asia/Vientiane'], 'not Asia/Bangkok, the zone Laos shares');
  assert.deepEqual(timeZonesOf('DE'), ['Europe/Berlin', 'Europe/Busingen']);
  assert.deepEqual(timeZonesOf('CD'), ['Africa/Kinshasa', 'Africa/Lubumbashi']);
  assert.deepEqual(timeZonesOf('XK'), ['Europe/Belgrade']);
  assert.ok(timeZonesOf('US').includes('America/New_York') && timeZonesOf('US').length > 20);
  assert.deepEqual(timeZonesOf('ZZ'), []);
  for (const country of countries()) {
    const zones = timeZonesOf(country.code);
    assert.ok(zones.length > 0, `${country.code} has a zone`);
    for (const zone of zones) assert.ok(isTimeZone(zone), `${country.code}: ${zone}`);
  }
});

test('a time zone is valid only as an IANA name, spelt exactly, that the runtime knows', () => {
  for (const zone of ['Europe/Zurich', 'Africa/Nairobi', 'Asia/Vientiane', 'America/Argentina/Buenos_Aires', 'UTC']) assert.ok(isTimeZone(zone), zone);
  for (const zone of ['europe/zurich', 'Mars/Olympus', '', '+01:00', 'Europe/Zurich ', 'GMT+1']) assert.ok(!isTimeZone(zone), zone);
});

test('a zone names its place, and the division it lies in when the name has one', () => {
  assert.deepEqual(zoneLocation('America/Argentina/Buenos_Aires'), { place: 'Buenos Aires', within: 'Argentina' });
  assert.deepEqual(zoneLocation('Asia/Vientiane'), { place: 'Vientiane' });
});

test('folding drops accents, case and punctuation the same way for names and queries', () => {
  assert.equal(foldText('Genève'), 'geneve');
  assert.equal(foldText("St. John's"), 'st johns');
  assert.equal(foldText('Le Grand-Saconnex'), 'le grand saconnex');
  assert.equal(foldText('Straße Łódź Ærø'), 'strasse lodz aero');
  assert.equal(foldText('  ZÜRICH  '), 'zurich');
  assert.equal(foldText('Октябрьский'), 'октябрьскии');
});
