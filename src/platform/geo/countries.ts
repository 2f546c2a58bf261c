// Countries by ISO 3166-1 alpha-2 code: English names (countries-and-timezones) and continents.
import ct from 'countries-and-timezones';

export type Region = 'Africa' | 'Americas' | 'Asia' | 'Europe' | 'Oceania';

export interface Country {
  code: string;
  name: string;
}

// GeoNames (and so the gazetteer) uses XK for Kosovo, a user-assigned code the package lacks.
const EXTRA_COUNTRIES: Record<string, string> = { XK: 'Kosovo' };

// UN M49 regions (https://unstats.un.org/unsd/methodology/m49/), with Kosovo in Southern Europe as
// GeoNames places it. Antarctica (AQ) belongs to none of the five, so it maps to undefined.
const REGION_CODES: Record<Region, string> = {
  Africa:
    'DZ EG LY MA SD TN EH BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW IO TF ' +
    'AO CM CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG',
  Americas:
    'AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI ' +
    'BZ CR SV GT HN MX NI PA AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE BM CA GL PM US',
  Asia:
    'KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN ' +
    'AF BD BT IN IR MV NP PK LK AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE',
  Europe:
    'BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB ' +
    'AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK AT BE FR DE LI LU MC NL CH',
  Oceania: 'AU CX CC HM NZ NF FJ NC PG SB VU GU KI MH FM NR MP PW UM AS CK PF NU PN WS TK TO TV WF',
};

const REGIONS = new Map<string, Region>();
for (const [region, codes] of Object.entries(REGION_CODES) as [Region, string][]) {
  for (const code of codes.split(' ')) REGIONS.set(code, region);
}

let countryList: Country[] | undefined;
let countryNames: Map<string, string> | undefined;

function names(): Map<string, string> {
  if (!countryNames) {
    countryNames = new Map<string, string>();
    for (const country of Object.values(ct.getAllCountries())) countryNames.set(country.id, country.name);
    for (const [code, name] of Object.entries(EXTRA_COUNTRIES)) countryNames.set(code, name);
  }
  return countryNames;
}

/** Every country and territory with its English name, sorted by name. */
export function countries(): Country[] {
  if (!countryList) {
    const collator = new Intl.Collator('en', { sensitivity: 'base' });
    countryList = [...names()].map(([code, name]) => ({ code, name })).sort((a, b) => collator.compare(a.name, b.name));
  }
  return countryList.map((country) => ({ ...country }));
}

/** English name of an ISO 3166-1 alpha-2 code (any case); undefined when unknown. */
export function countryName(code: string): string | undefined {
  return names().get(code.toUpperCase());
}

export function isCountryCode(code: string): boolean {
  return names().has(code.toUpperCase());
}

/** Continent of a country (UN M49 region); undefined for Antarctica and unknown codes. */
export function regionOf(code: string): Region | undefined {
  return REGIONS.get(code.toUpperCase());
}
