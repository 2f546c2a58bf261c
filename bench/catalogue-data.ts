// The catalogue data set: 20 partner organisations with 200 offices in real cities (coordinates from
// the gazetteer, zones from suggestTimeZone), units, one agreement each, a closed past round and a
// round open for applications now, 2,000 published posts in the open rounds, and posts that must not
// show (drafts, submitted and returned posts, posts of the closed rounds, some still "published").
//
// The rows are a pure function of the anchor time: the PGlite directory is built once and reused,
// and the PostgreSQL database is rebuilt from the same anchor on every run, so both hold the same rows.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { count, eq, sql } from 'drizzle-orm';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Db } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { agreements } from '../src/modules/agreements/agreements.tables.ts';
import { offices, organisations, units } from '../src/modules/partners/partners.tables.ts';
import type { Level } from '../src/modules/posts/eligibility.ts';
import { posts } from '../src/modules/posts/posts.tables.ts';
import { rounds } from '../src/modules/rounds/rounds.tables.ts';
import { countryName, foldText, regionOf, searchCities, suggestTimeZone, type Region } from '../src/platform/geo/gazetteer.ts';
import { addDays, dayIn } from '../src/platform/time/zoned.ts';
import { catalogueDataDir, migrationsJournal } from './paths.ts';
import { pick, seededRandom, seededUuid } from './people.ts';
import { round, type Figures } from './results.ts';

// Bump when the generated rows change shape, so an old directory is rebuilt.
const GENERATOR_VERSION = 1;
const MARKER_FILE = 'bench-catalogue.json';
const BATCH_SIZE = 250;
const SEED = 20261128;
const DAY_MS = 24 * 60 * 60 * 1000;

export const PUBLISHED_POSTS = 2000;
export const OFFICE_COUNT = 200;
// the directory is rebuilt when its open rounds would close within this margin of a run
const OPEN_MARGIN_MS = DAY_MS;
export const BENCH_DATABASE = 'outbound_bench_catalogue';
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

type OrganisationRow = typeof organisations.$inferInsert;
type OfficeRow = typeof offices.$inferInsert;
type UnitRow = typeof units.$inferInsert;
type AgreementRow = typeof agreements.$inferInsert;
type RoundRow = typeof rounds.$inferInsert;
type PostRow = typeof posts.$inferInsert;

export interface CatalogueDataset {
  anchor: Date;
  organisations: OrganisationRow[];
  offices: OfficeRow[];
  units: UnitRow[];
  agreements: AgreementRow[];
  rounds: RoundRow[];
  posts: PostRow[];
}

// ---------------------------------------------------------------------------------------------
// Places: 200 cities with international offices, by region. An entry may name the first-level
// division when the name is ambiguous, the zone when the suggestion is wrong (an editor would
// change it), and the country the office serves when it is another.

interface CitySpec {
  name: string;
  country: string;
  admin1?: string;
  zone?: string;
  serves?: string;
}

const city = (name: string, country: string, extra: Omit<CitySpec, 'name' | 'country'> = {}): CitySpec => ({ name, country, ...extra });

const citySpecs: CitySpec[] = [
  // Africa
  city('Nairobi', 'KE', { serves: 'SO' }), city('Mombasa', 'KE'), city('Addis Ababa', 'ET'), city('Gonder', 'ET'), city('Mogadishu', 'SO'),
  city('Hargeysa', 'SO'), city('Kampala', 'UG'), city('Gulu', 'UG'), city('Kigali', 'RW'), city('Bujumbura', 'BI'), city('Dar es Salaam', 'TZ'),
  city('Dodoma', 'TZ'), city('Arusha', 'TZ'), city('Lusaka', 'ZM'), city('Lilongwe', 'MW'), city('Blantyre', 'MW'), city('Harare', 'ZW'),
  city('Bulawayo', 'ZW'), city('Maputo', 'MZ'), city('Beira', 'MZ'), city('Nampula', 'MZ'), city('Antananarivo', 'MG'), city('Johannesburg', 'ZA'),
  city('Pretoria', 'ZA'), city('Cape Town', 'ZA'), city('Durban', 'ZA'), city('Gaborone', 'BW'), city('Windhoek', 'NA'), city('Maseru', 'LS'),
  city('Juba', 'SS'), city('Khartoum', 'SD'), city('Cairo', 'EG'), city('Alexandria', 'EG'), city('Tunis', 'TN', { serves: 'LY' }), city('Rabat', 'MA'),
  city('Casablanca', 'MA'), city('Algiers', 'DZ'), city('Tripoli', 'LY'), city('Dakar', 'SN'), city('Bamako', 'ML'), city('Niamey', 'NE'),
  city('Ouagadougou', 'BF'), city('Abidjan', 'CI'), city('Accra', 'GH'), city('Lomé', 'TG'), city('Cotonou', 'BJ'), city('Lagos', 'NG'),
  city('Abuja', 'NG'), city('Maiduguri', 'NG'), city('Douala', 'CM'), city('Yaoundé', 'CM'), city("N'Djamena", 'TD'), city('Bangui', 'CF'),
  city('Kinshasa', 'CD'), city('Goma', 'CD'), city('Brazzaville', 'CG'), city('Libreville', 'GA'), city('Luanda', 'AO'), city('Freetown', 'SL'),
  city('Monrovia', 'LR'), city('Conakry', 'GN'), city('Nouakchott', 'MR'), city('Djibouti', 'DJ'), city('Asmara', 'ER'),
  // Asia
  city('Bangkok', 'TH'), city('Chiang Mai', 'TH', { serves: 'MM' }), city('Vientiane', 'LA'), city('Phnom Penh', 'KH'), city('Hanoi', 'VN'),
  city('Ho Chi Minh City', 'VN'), city('Yangon', 'MM'), city('Kuala Lumpur', 'MY'), city('Jakarta', 'ID'), city('Makassar', 'ID'), city('Manila', 'PH'),
  city('Cebu City', 'PH'), city('Davao', 'PH'), city('Dhaka', 'BD'), city("Cox's Bazar", 'BD'), city('Kathmandu', 'NP'), city('Colombo', 'LK'),
  city('New Delhi', 'IN'), city('Mumbai', 'IN'), city('Kolkata', 'IN'), city('Bengaluru', 'IN'), city('Islamabad', 'PK'), city('Karachi', 'PK'),
  city('Peshawar', 'PK', { serves: 'AF' }), city('Kabul', 'AF'), city('Tashkent', 'UZ'), city('Almaty', 'KZ'), city('Astana', 'KZ'), city('Bishkek', 'KG'),
  city('Dushanbe', 'TJ'), city('Ulan Bator', 'MN', { zone: 'Asia/Ulaanbaatar' }), city('Beijing', 'CN'), city('Shanghai', 'CN'), city('Seoul', 'KR'),
  city('Tokyo', 'JP'), city('Dili', 'TL'), city('Singapore', 'SG'), city('Amman', 'JO'), city('Beirut', 'LB'), city('Damascus', 'SY'),
  city('Baghdad', 'IQ'), city('Erbil', 'IQ'), city('Ankara', 'TR'), city('Gaziantep', 'TR', { serves: 'SY' }), city('Istanbul', 'TR'), city('Sanaa', 'YE'),
  city('Aden', 'YE'), city('Riyadh', 'SA'), city('Doha', 'QA'), city('Dubai', 'AE'), city('Muscat', 'OM'), city('Tbilisi', 'GE'), city('Yerevan', 'AM'),
  city('Baku', 'AZ'), city('Tehran', 'IR'),
  // Americas
  city('Washington', 'US', { admin1: 'District of Columbia' }), city('New York City', 'US'), city('Miami', 'US', { zone: 'America/New_York' }),
  city('Ottawa', 'CA'), city('Montreal', 'CA'), city('Mexico City', 'MX'), city('Tapachula', 'MX'), city('Guatemala City', 'GT'), city('San Salvador', 'SV'),
  city('Tegucigalpa', 'HN'), city('Managua', 'NI'), city('San José', 'CR'), city('Panama City', 'PA'), city('Havana', 'CU'), city('Port-au-Prince', 'HT'),
  city('Santo Domingo', 'DO'), city('Kingston', 'JM'), city('Port of Spain', 'TT'), city('Bogotá', 'CO'), city('Cúcuta', 'CO', { serves: 'VE' }),
  city('Medellín', 'CO'), city('Caracas', 'VE'), city('Quito', 'EC'), city('Guayaquil', 'EC'), city('Lima', 'PE'), city('Cusco', 'PE'), city('La Paz', 'BO'),
  city('Santa Cruz de la Sierra', 'BO'), city('Asunción', 'PY'), city('Montevideo', 'UY'), city('Buenos Aires', 'AR'), city('Santiago', 'CL'),
  city('Brasília', 'BR'), city('São Paulo', 'BR'), city('Rio de Janeiro', 'BR'), city('Boa Vista', 'BR', { admin1: 'Roraima' }), city('Manaus', 'BR'),
  city('Georgetown', 'GY'), city('Paramaribo', 'SR'),
  // Europe
  city('Geneva', 'CH'), city('Bern', 'CH'), city('Vienna', 'AT'), city('Brussels', 'BE'), city('The Hague', 'NL'), city('Amsterdam', 'NL'),
  city('Paris', 'FR'), city('Rome', 'IT'), city('Berlin', 'DE'), city('Copenhagen', 'DK'), city('Stockholm', 'SE'), city('Oslo', 'NO'),
  city('Helsinki', 'FI'), city('Warsaw', 'PL'), city('Budapest', 'HU'), city('Prague', 'CZ'), city('Bucharest', 'RO'), city('Chisinau', 'MD'),
  city('Kyiv', 'UA'), city('Belgrade', 'RS'), city('Sarajevo', 'BA'), city('Pristina', 'XK'), city('Skopje', 'MK'), city('Tirana', 'AL'),
  city('Athens', 'GR'), city('Madrid', 'ES'), city('Lisbon', 'PT'), city('London', 'GB'), city('Dublin', 'IE'), city('Valletta', 'MT'),
  // Oceania
  city('Suva', 'FJ'), city('Port Moresby', 'PG'), city('Honiara', 'SB'), city('Port Vila', 'VU'), city('Apia', 'WS'),
  city('Canberra', 'AU', { zone: 'Australia/Sydney' }), city('Sydney', 'AU'), city('Melbourne', 'AU'), city('Wellington', 'NZ'), city('Auckland', 'NZ'),
  city('Tarawa', 'KI'), city('Majuro', 'MH'),
];

interface Place {
  city: string;
  country: string;
  servesCountry: string;
  latitude: number;
  longitude: number;
  timeZone: string;
}

function resolvePlaces(): Place[] {
  if (citySpecs.length !== OFFICE_COUNT) throw new Error(`The city list has ${citySpecs.length} places, not ${OFFICE_COUNT}`);
  return citySpecs.map((spec) => {
    const found = searchCities(spec.name, { country: spec.country, limit: 20 });
    const key = foldText(spec.name);
    const match = found.find((c) => foldText(c.name) === key && (spec.admin1 === undefined || c.admin1 === spec.admin1));
    if (!match) throw new Error(`The gazetteer has no ${spec.name} (${spec.country}${spec.admin1 ? `, ${spec.admin1}` : ''})`);
    const timeZone = spec.zone ?? suggestTimeZone(match.country, match.lat, match.lng);
    if (!timeZone) throw new Error(`No time zone suggested for ${spec.name} (${spec.country})`);
    return { city: match.name, country: match.country, servesCountry: spec.serves ?? match.country, latitude: match.lat, longitude: match.lng, timeZone };
  });
}

// ---------------------------------------------------------------------------------------------
// What the posts are about. Every topic has a unit, title stems, SDGs and duties.

interface Topic {
  unit: string;
  titles: string[];
  purpose: string[];
  duties: string[];
  sdgs: number[];
  courses: string[];
}

const topics = {
  migration: {
    unit: 'Migration Policy Unit',
    titles: ['Migration Policy Research', 'Migration Governance', 'Labour Migration', 'Diaspora Engagement'],
    purpose: ['research how labour migration agreements work in practice', 'support dialogue between governments on safe and regular migration', 'follow remittance and diaspora programmes'],
    duties: ['Write literature reviews and short policy summaries', 'Prepare briefing notes for regional consultations', 'Track national migration legislation', 'Support the organisation of intergovernmental meetings'],
    sdgs: [10, 8, 16],
    courses: ['International Relations', 'Politics', 'Economics'],
  },
  protection: {
    unit: 'Protection Unit',
    titles: ['Protection', 'Refugee Protection', 'Case Management', 'Community-Based Protection'],
    purpose: ['strengthen referral pathways for people at risk', 'support case management for displaced families', 'train partner staff on protection principles'],
    duties: ['Keep case data accurate and confidential', 'Map services for referrals', 'Prepare training materials for partner staff', 'Draft protection monitoring reports'],
    sdgs: [16, 10, 5],
    courses: ['Law', 'Social Work', 'International Relations'],
  },
  health: {
    unit: 'Health Unit',
    titles: ['Public Health', 'Migration Health', 'Health Programme', 'Mental Health and Psychosocial Support'],
    purpose: ['support health assessments and vaccination campaigns', 'analyse data from primary health clinics', 'help design community health outreach'],
    duties: ['Clean and analyse clinic data', 'Draft health situation updates', 'Support training of community health workers', 'Review guidance against national protocols'],
    sdgs: [3, 10],
    courses: ['Public Health', 'Medicine', 'Nursing', 'Psychology'],
  },
  water: {
    unit: 'Water, Sanitation and Hygiene Unit',
    titles: ['Water and Sanitation', 'WASH Programme', 'Hygiene Promotion'],
    purpose: ['follow water supply projects in towns and camps', 'support hygiene promotion in schools and clinics', 'monitor water quality and service levels'],
    duties: ['Compile water point monitoring data', 'Support hygiene promotion sessions', 'Draft technical summaries for partners', 'Help plan field assessments'],
    sdgs: [6, 3],
    courses: ['Civil Engineering', 'Environmental Science', 'Public Health'],
  },
  climate: {
    unit: 'Climate and Resilience Unit',
    titles: ['Climate Adaptation', 'Disaster Risk Reduction', 'Climate Mobility', 'Early Warning Systems'],
    purpose: ['research how climate change drives displacement', 'support community disaster risk plans', 'help local authorities use early warning data'],
    duties: ['Review climate risk assessments', 'Support community consultations', 'Map hazards and exposed settlements', 'Draft case studies of adaptation projects'],
    sdgs: [13, 11, 1],
    courses: ['Geography', 'Environmental Science', 'Development Studies'],
  },
  food: {
    unit: 'Food Security and Livelihoods Unit',
    titles: ['Food Security', 'Nutrition Programme', 'Livelihoods', 'Cash Assistance'],
    purpose: ['monitor market prices and household food security', 'support cash assistance programmes', 'help design livelihood recovery projects'],
    duties: ['Analyse market monitoring data', 'Support post-distribution surveys', 'Draft livelihood project reports', 'Help coordinate with local cooperatives'],
    sdgs: [2, 1],
    courses: ['Economics', 'Agriculture', 'Development Studies', 'Nutrition'],
  },
  education: {
    unit: 'Education Unit',
    titles: ['Education in Emergencies', 'Learning Programme', 'Youth Skills', 'Early Childhood Development'],
    purpose: ['support learning programmes for displaced children', 'help evaluate a youth skills programme', 'develop teacher training materials'],
    duties: ['Visit learning centres with the programme team', 'Draft teacher training materials', 'Analyse attendance and learning data', 'Support youth consultations'],
    sdgs: [4, 10],
    courses: ['Education', 'Psychology', 'Development Studies'],
  },
  gender: {
    unit: 'Gender and Inclusion Unit',
    titles: ['Gender Equality', 'Gender and Inclusion', 'Disability Inclusion'],
    purpose: ['make programmes work for women, girls and people with disabilities', 'support gender analysis of new projects', 'help partners prevent gender-based violence'],
    duties: ['Review projects against inclusion standards', 'Run focus group discussions with the team', 'Draft gender analysis briefs', 'Support awareness campaigns'],
    sdgs: [5, 10],
    courses: ['Gender Studies', 'Sociology', 'Law', 'Anthropology'],
  },
  labour: {
    unit: 'Decent Work Unit',
    titles: ['Decent Work', 'Employment Programme', 'Social Protection', 'Skills and Employability'],
    purpose: ['support projects for fair recruitment and decent work', 'research social protection for informal workers', 'help run an employability programme for young people'],
    duties: ['Review labour market information', 'Support employer consultations', 'Draft programme updates for donors', 'Track social protection schemes'],
    sdgs: [8, 1, 10],
    courses: ['Economics', 'Law', 'Politics'],
  },
  energy: {
    unit: 'Energy Access Unit',
    titles: ['Renewable Energy', 'Energy Access', 'Clean Cooking'],
    purpose: ['follow solar mini-grid projects in rural areas', 'research clean cooking solutions for households', 'support energy access planning'],
    duties: ['Analyse energy project data', 'Support site assessments', 'Draft short technical notes', 'Prepare stakeholder mapping'],
    sdgs: [7, 9, 13],
    courses: ['Mechanical Engineering', 'Electrical Engineering', 'Environmental Science', 'Economics'],
  },
  urban: {
    unit: 'Urban Development Unit',
    titles: ['Urban Development', 'Housing and Settlements', 'Urban Resilience'],
    purpose: ['support settlement planning with local authorities', 'research affordable housing programmes', 'map informal settlements and services'],
    duties: ['Map services in urban neighbourhoods', 'Support participatory planning workshops', 'Draft case studies of housing projects', 'Review spatial plans'],
    sdgs: [11, 1, 6],
    courses: ['Architecture', 'Urban Planning', 'Geography', 'Civil Engineering'],
  },
  environment: {
    unit: 'Environment Unit',
    titles: ['Biodiversity', 'Ocean Conservation', 'Forest Landscapes', 'Sustainable Fisheries'],
    purpose: ['support community conservation projects', 'research sustainable fisheries management', 'help restore degraded landscapes with local groups'],
    duties: ['Compile biodiversity monitoring data', 'Support community meetings', 'Draft project fact sheets', 'Review environmental safeguards'],
    sdgs: [14, 15, 13],
    courses: ['Biology', 'Environmental Science', 'Geography', 'Marine Science'],
  },
  legal: {
    unit: 'Rule of Law Unit',
    titles: ['Legal Affairs', 'Human Rights', 'Rule of Law', 'Access to Justice'],
    purpose: ['support legal aid for people without documents', 'research national human rights frameworks', 'help prepare submissions to human rights bodies'],
    duties: ['Research national and international law', 'Draft legal memos under supervision', 'Support legal aid clinics', 'Track cases and deadlines'],
    sdgs: [16, 10],
    courses: ['Law', 'International Relations', 'Politics'],
  },
  data: {
    unit: 'Data and Analytics Unit',
    titles: ['Data and Reporting', 'GIS and Mapping', 'Information Management', 'Data Science'],
    purpose: ['turn programme data into clear charts and reports', 'build maps of needs and services', 'improve how field data is collected and stored'],
    duties: ['Clean and merge data sets', 'Build dashboards and maps', 'Document data flows', 'Train colleagues on data tools'],
    sdgs: [17, 9],
    courses: ['Data Science', 'Computer Science', 'Geography', 'Statistics'],
  },
  communications: {
    unit: 'Communications Unit',
    titles: ['Communications', 'Digital Media', 'Public Information', 'Advocacy and Campaigns'],
    purpose: ['tell the stories of the people the programmes serve', 'run social media for regional campaigns', 'prepare public information for communities'],
    duties: ['Write stories from the field', 'Edit photos and short videos', 'Draft social media posts', 'Keep the media list up to date'],
    sdgs: [17, 10],
    courses: ['Media and Communication', 'Journalism', 'English'],
  },
  monitoring: {
    unit: 'Monitoring and Evaluation Unit',
    titles: ['Monitoring and Evaluation', 'Programme Quality', 'Learning and Accountability'],
    purpose: ['follow up project indicators and field monitoring', 'support an evaluation of a multi-year programme', 'collect feedback from the people the programmes serve'],
    duties: ['Check monitoring data for errors', 'Support field monitoring visits', 'Draft evaluation summaries', 'Analyse feedback and complaints data'],
    sdgs: [17, 16],
    courses: ['Development Studies', 'Statistics', 'Economics'],
  },
  operations: {
    unit: 'Programme Support Unit',
    titles: ['Programme Support', 'Partnerships', 'Finance and Administration', 'Supply Chain', 'Human Resources'],
    purpose: ['track project milestones across donor-funded programmes', 'support proposals and donor reports', 'help the office run procurement and logistics'],
    duties: ['Track project milestones', 'Draft meeting notes and short briefs', 'Help prepare donor reports', 'Support procurement and logistics'],
    sdgs: [17, 8],
    courses: ['Business', 'Management', 'Accounting', 'Economics'],
  },
} satisfies Record<string, Topic>;

type TopicKey = keyof typeof topics;
const supportTopics: TopicKey[] = ['data', 'communications', 'monitoring', 'operations'];

interface PartnerSpec {
  name: string;
  shortName: string;
  topics: TopicKey[];
}

const partnerSpecs: PartnerSpec[] = [
  { name: 'Global Migration Partnership', shortName: 'GMP', topics: ['migration', 'protection', 'health'] },
  { name: 'Children First International', shortName: 'CFI', topics: ['education', 'protection', 'health'] },
  { name: 'World Health Cooperation', shortName: 'WHC', topics: ['health', 'water', 'food'] },
  { name: 'Refugee Protection Council', shortName: 'RPC', topics: ['protection', 'legal', 'education'] },
  { name: 'Clean Water Alliance', shortName: 'CWA', topics: ['water', 'climate', 'health'] },
  { name: 'Climate Resilience Network', shortName: 'CRN', topics: ['climate', 'environment', 'urban'] },
  { name: 'Food Security Programme', shortName: 'FSP', topics: ['food', 'climate', 'gender'] },
  { name: 'Decent Work Organisation', shortName: 'DWO', topics: ['labour', 'gender', 'migration'] },
  { name: 'Education Without Borders', shortName: 'EWB', topics: ['education', 'gender', 'labour'] },
  { name: 'Gender Equality Forum', shortName: 'GEF', topics: ['gender', 'legal', 'labour'] },
  { name: 'Sustainable Energy Initiative', shortName: 'SEI', topics: ['energy', 'climate', 'urban'] },
  { name: 'Urban Futures Programme', shortName: 'UFP', topics: ['urban', 'energy', 'water'] },
  { name: 'Ocean and Forests Trust', shortName: 'OFT', topics: ['environment', 'climate', 'food'] },
  { name: 'Human Rights Observatory', shortName: 'HRO', topics: ['legal', 'protection', 'gender'] },
  { name: 'Inclusive Finance Facility', shortName: 'IFF', topics: ['labour', 'energy', 'urban'] },
  { name: 'Humanitarian Logistics Service', shortName: 'HLS', topics: ['food', 'health', 'water'] },
  { name: 'Peacebuilding Support Office', shortName: 'PSO', topics: ['legal', 'protection', 'education'] },
  { name: 'Digital Development Alliance', shortName: 'DDA', topics: ['education', 'labour', 'data'] },
  { name: 'Disaster Response Consortium', shortName: 'DRC', topics: ['climate', 'water', 'protection'] },
  { name: 'Rural Livelihoods Fund', shortName: 'RLF', topics: ['food', 'environment', 'gender'] },
];

// One sentence of context per post. The search word of the benchmark occurs in exactly one of the
// twenty (about 5% of the posts) and nowhere else in the data set.
export const SEARCH_WORD = 'mangrove';
const contextSentences = [
  'The office works closely with national ministries, local authorities and community organisations.',
  'The team is small, so you will see how a country programme is run from planning to reporting.',
  'Recent work has included a study of coastal villages where mangrove restoration protects homes from storm surges.',
  'The programme is funded by several donors and reports to each of them every quarter.',
  'You will join weekly team meetings and present your work to colleagues at the end of the placement.',
  'The office covers both the capital and field locations, with occasional travel when it is safe.',
  'Colleagues come from more than a dozen countries and work in several languages.',
  'The unit is preparing a new strategy, and interns help gather evidence for it.',
  'Much of the work is done with local partner organisations, who lead activities in the communities.',
  'Security rules apply to all staff and interns, and a briefing is given on arrival.',
  'The team has recently moved to digital data collection and wants to make the most of it.',
  'The placement suits someone who likes careful research as much as practical work.',
  'You will have a named supervisor and a mid-placement review of your learning goals.',
  'Field visits depend on access and are planned with the security focal point.',
  'The office hosts interns from several universities each year, so you will not be alone.',
  'The programme has grown quickly, and the team needs help keeping its records in order.',
  'The work follows the humanitarian principles of humanity, neutrality, impartiality and independence.',
  'Reports you help write are shared with government counterparts and donors.',
  'Working hours follow the local week, and public holidays follow the national calendar.',
  'The unit runs a learning series that interns are welcome to join and to present at.',
];

const closingSentences = [
  'This is a learning placement: you will be supervised and supported throughout.',
  'Interns are not expected to have field experience; curiosity and care matter more.',
  'Please say in your application which of these tasks interests you most.',
  'The placement may be extended within the duration set by the agreement.',
];

const requiredQualifications = [
  'Good written English. An interest in international development.',
  'Strong writing skills and attention to detail.',
  'Confident with spreadsheets and basic data analysis.',
  'Able to work independently and as part of a team across cultures.',
];

const desirableQualifications = ['', 'Experience of volunteering or community work.', 'Some knowledge of the region.', 'Experience with survey tools or GIS.', 'Previous study or work abroad.'];

const frenchSpeaking = new Set(['SN', 'ML', 'NE', 'BF', 'CI', 'TG', 'BJ', 'CM', 'TD', 'CF', 'CD', 'CG', 'GA', 'GN', 'MR', 'DJ', 'MG', 'BI', 'TN', 'MA', 'DZ', 'HT', 'FR', 'BE', 'CH']);
const portugueseSpeaking = new Set(['MZ', 'AO', 'BR', 'PT', 'TL']);
const spanishSpeaking = new Set(['MX', 'GT', 'SV', 'HN', 'NI', 'CR', 'PA', 'CU', 'DO', 'CO', 'VE', 'EC', 'PE', 'BO', 'PY', 'UY', 'AR', 'CL', 'ES']);
const arabicSpeaking = new Set(['EG', 'SD', 'LY', 'JO', 'LB', 'SY', 'IQ', 'YE', 'SA', 'QA', 'AE', 'OM', 'SO']);

function localLanguage(country: string): string | undefined {
  if (frenchSpeaking.has(country)) return 'fr';
  if (portugueseSpeaking.has(country)) return 'pt';
  if (spanishSpeaking.has(country)) return 'es';
  if (arabicSpeaking.has(country)) return 'ar';
  return undefined;
}

const levelSets: { levels: Level[]; weight: number }[] = [
  { levels: ['UG', 'PG', 'recent_graduate'], weight: 50 },
  { levels: ['PG', 'recent_graduate'], weight: 20 },
  { levels: ['UG', 'PG'], weight: 15 },
  { levels: ['UG'], weight: 5 },
  { levels: ['PG'], weight: 10 },
];

const currencies = ['USD', 'USD', 'USD', 'EUR', 'CHF', 'GBP'];

function weighted<T extends { weight: number }>(items: readonly T[], random: () => number): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let at = random() * total;
  for (const item of items) {
    at -= item.weight;
    if (at < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error('weighted pick from an empty list');
  return last;
}

function int(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = copy[i];
    const b = copy[j];
    if (a === undefined || b === undefined) continue;
    copy[i] = b;
    copy[j] = a;
  }
  return copy;
}

function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  return shuffled(items, random).slice(0, count);
}

function slug(text: string): string {
  return foldText(text).replace(/ /g, '-');
}

// ---------------------------------------------------------------------------------------------

export function buildCatalogueDataset(anchor: Date, universityName: string): CatalogueDataset {
  const random = seededRandom(SEED);
  const ids = seededRandom(SEED + 1);
  const uuid = () => seededUuid(ids);
  const created = new Date(anchor.getTime() - 400 * DAY_MS);
  const today = dayIn(anchor, 'Europe/London');
  const day = (offset: number) => addDays(today, offset);
  const at = (offset: number, time: string) => new Date(`${day(offset)}T${time}:00Z`);

  const universityId = uuid();
  const university: OrganisationRow = { id: universityId, kind: 'university', name: universityName, shortName: 'University', website: '', contacts: [], createdAt: created, updatedAt: created };
  const orgRows: OrganisationRow[] = [university];
  const officeRows: OfficeRow[] = [];
  const unitRows: UnitRow[] = [];
  const agreementRows: AgreementRow[] = [];
  const roundRows: RoundRow[] = [];
  const postRows: PostRow[] = [];

  const places = shuffled(resolvePlaces(), random);

  interface PartnerBuild {
    spec: PartnerSpec;
    id: string;
    offices: { id: string; place: Place; name: string; weight: number }[];
    unitIds: Map<string, string>;
    openRoundId: string;
    pastRoundId: string;
    minMonths: number;
    maxMonths: number;
    placementsFrom: string;
    pastPlacementsFrom: string;
    openAt: Date;
  }
  const partners: PartnerBuild[] = [];

  partnerSpecs.forEach((spec, p) => {
    const id = uuid();
    orgRows.push({
      id,
      kind: 'partner',
      name: spec.name,
      shortName: spec.shortName,
      website: `https://www.${slug(spec.name)}.example.org`,
      contacts: [{ name: `Internship focal point, ${spec.shortName}`, role: 'Internship focal point', email: `internships@${slug(spec.name)}.example.org`, phone: '' }],
      createdAt: created,
      updatedAt: created,
    });

    // every 20th place: each partner spans the regions
    const own = places.filter((_, i) => i % partnerSpecs.length === p);
    const countries = new Set<string>();
    const partnerOffices = own.map((place, i) => {
      const served = countryName(place.servesCountry) ?? place.servesCountry;
      let name: string;
      if (i === 0) name = `${spec.shortName} Headquarters`;
      else if (place.servesCountry !== place.country) name = `${spec.shortName} ${served} — Programme Support Office`;
      else if (countries.has(place.country)) name = `${spec.shortName} ${place.city} Sub-Office`;
      else name = `${spec.shortName} ${served}`;
      countries.add(place.country);
      const officeId = uuid();
      officeRows.push({
        id: officeId,
        organisationId: id,
        name,
        servesCountry: place.servesCountry,
        city: place.city,
        country: place.country,
        latitude: place.latitude,
        longitude: place.longitude,
        timeZone: place.timeZone,
        address: random() < 0.6 ? `PO Box ${int(random, 100, 99999)}, ${place.city}` : '',
        privateNotes: random() < 0.2 ? 'Interns share the office with the country programme team.' : '',
        createdAt: created,
        updatedAt: created,
      });
      // some offices take many interns, some few
      return { id: officeId, place, name, weight: 0.3 + random() * 1.7 };
    });

    const unitIds = new Map<string, string>();
    for (const key of [...spec.topics, ...supportTopics]) {
      const unit = topics[key].unit;
      if (unitIds.has(unit)) continue;
      const unitId = uuid();
      unitIds.set(unit, unitId);
      unitRows.push({ id: unitId, organisationId: id, name: unit, createdAt: created });
    }

    const minMonths = p % 4 === 0 ? 3 : 4;
    const maxMonths = p % 3 === 0 ? 12 : 9;
    const agreementId = uuid();
    agreementRows.push({
      id: agreementId,
      institutionId: universityId,
      partnerId: id,
      title: `Agreement on international internships with ${spec.shortName}`,
      signedOn: day(-700 - p * 11),
      validFrom: day(-690 - p * 11),
      validTo: day(700 + p * 13),
      renewalReminderOn: day(610 + p * 13),
      // raised below to what the open round holds
      quotaPerRound: 0,
      exclusive: p % 5 === 0,
      minDurationMonths: minMonths,
      maxDurationMonths: maxMonths,
      documentFileId: null,
      contacts: [],
      notes: '',
      createdAt: created,
      updatedAt: created,
    });

    // the cohort open now: closing dates spread over four weeks so the deadline sort has work to do
    const closeOffset = 42 + (p % 5) * 7;
    const openRoundId = uuid();
    const openAt = at(-14, '09:00');
    roundRows.push({
      id: openRoundId,
      agreementId,
      name: `Cohort ${day(120).slice(0, 4)}`,
      timeZone: 'Europe/London',
      postsDueAt: at(-28, '17:00'),
      applicationsOpenAt: openAt,
      applicationsCloseAt: at(closeOffset, '17:00'),
      reviewUntil: day(closeOffset + 21),
      interviewsUntil: day(closeOffset + 42),
      offersBy: day(closeOffset + 56),
      preDepartureFrom: day(closeOffset + 70),
      placementsFrom: day(150),
      placementsTo: day(150 + 300),
      maxChoices: 3,
      createdAt: created,
      updatedAt: created,
    });
    // last year's cohort: applications long closed
    const pastRoundId = uuid();
    roundRows.push({
      id: pastRoundId,
      agreementId,
      name: `Cohort ${day(120 - 365).slice(0, 4)}`,
      timeZone: 'Europe/London',
      postsDueAt: at(-28 - 365, '17:00'),
      applicationsOpenAt: at(-14 - 365, '09:00'),
      applicationsCloseAt: at(closeOffset - 365, '17:00'),
      reviewUntil: day(closeOffset + 21 - 365),
      interviewsUntil: day(closeOffset + 42 - 365),
      offersBy: day(closeOffset + 56 - 365),
      preDepartureFrom: day(closeOffset + 70 - 365),
      placementsFrom: day(150 - 365),
      placementsTo: day(150 + 300 - 365),
      maxChoices: 3,
      createdAt: created,
      updatedAt: created,
    });
    partners.push({ spec, id, offices: partnerOffices, unitIds, openRoundId, pastRoundId, minMonths, maxMonths, placementsFrom: day(150), pastPlacementsFrom: day(150 - 365), openAt });
  });

  const allOffices = partners.flatMap((partner) => partner.offices.map((office) => ({ partner, office, weight: office.weight })));
  const references = new Map<string, number>();

  function makePost(partner: PartnerBuild, office: PartnerBuild['offices'][number], status: NonNullable<PostRow['status']>, past: boolean): PostRow {
    const spec = partner.spec;
    // the partner's own topics most of the time, support work otherwise
    const topicKey = random() < 0.7 ? pick(spec.topics, random) : pick(supportTopics, random);
    const topic: Topic = topics[topicKey];
    const stem = pick(topic.titles, random);
    const form = random();
    const title = form < 0.65 ? `${stem} Intern` : form < 0.85 ? `Intern, ${stem}` : `${stem} Intern, ${office.place.city}`;
    const unitName = random() < 0.9 ? topic.unit : undefined;
    const unitId = unitName ? (partner.unitIds.get(unitName) ?? null) : null;
    const dutyCount = int(random, 3, 4);
    const description = [
      `${unitName ? `The ${unitName}` : `The ${spec.shortName} team`} in ${office.place.city} is looking for an intern to ${pick(topic.purpose, random)}.`,
      pick(contextSentences, random),
      `You will:\n\n${sample(topic.duties, dutyCount, random)
        .map((duty) => `- ${duty}`)
        .join('\n')}`,
      pick(closingSentences, random),
    ].join('\n\n');
    const duties = random() < 0.5 ? '' : sample(topic.duties, 2, random).join('\n');

    const levels = weighted(levelSets, random).levels;
    const extraSdgs = int(random, 0, 2);
    const sdgs = [...new Set([...topic.sdgs.slice(0, int(random, 1, topic.sdgs.length)), ...Array.from({ length: extraSdgs }, () => int(random, 1, 17))])].sort((a, b) => a - b);
    const language = localLanguage(office.place.country);
    const languages = language && random() < 0.6 ? [{ language, level: pick(['B1', 'B2', 'C1'] as const, random) }] : [];
    const courses = random() < 0.65 ? [] : sample(topic.courses, int(random, 1, Math.min(2, topic.courses.length)), random);
    const durationMonths = int(random, partner.minMonths, partner.maxMonths);
    const earliestStart = addDays(past ? partner.pastPlacementsFrom : partner.placementsFrom, int(random, 0, 12) * 7);
    const stipend = random() < 0.4;
    const reference = (references.get(partner.id) ?? 0) + 1;
    references.set(partner.id, reference);

    const createdAt = new Date(partner.openAt.getTime() - (past ? 365 * DAY_MS : 0) - int(random, 10, 40) * DAY_MS);
    const submittedAt = status === 'draft' ? null : new Date(createdAt.getTime() + int(random, 1, 5) * DAY_MS);
    const publishedAt = status === 'published' || status === 'closed' ? new Date((submittedAt ?? createdAt).getTime() + int(random, 1, 5) * DAY_MS + int(random, 0, 23) * 3_600_000) : null;
    return {
      id: uuid(),
      roundId: past ? partner.pastRoundId : partner.openRoundId,
      organisationId: partner.id,
      officeId: office.id,
      unitId,
      title,
      description,
      duties,
      requiredQualifications: pick(requiredQualifications, random),
      desirableQualifications: pick(desirableQualifications, random),
      durationMonths,
      earliestStart,
      latestStart: addDays(earliestStart, int(random, 4, 16) * 7),
      places: weighted([{ n: 1, weight: 70 }, { n: 2, weight: 22 }, { n: 3, weight: 8 }], random).n,
      levels: [...levels],
      courses,
      minYear: random() < 0.7 ? null : int(random, 2, 3),
      languages,
      sdgs,
      stipendMinor: stipend ? int(random, 6, 24) * 5000 : null,
      stipendCurrency: stipend ? pick(currencies, random) : null,
      stipendPeriod: stipend ? 'month' : null,
      workingPattern: random() < 0.75 ? 'on_site' : 'hybrid',
      partnerReference: `${spec.shortName}-${(past ? partner.pastPlacementsFrom : partner.placementsFrom).slice(0, 4)}-${String(reference).padStart(3, '0')}`,
      status,
      returnComment: status === 'returned' ? 'Please say more about the supervision arrangements.' : '',
      createdBy: null,
      createdAt,
      updatedAt: publishedAt ?? submittedAt ?? createdAt,
      submittedAt,
      publishedAt,
    };
  }

  // the 2,000 published posts of the open rounds, spread over the offices by weight
  for (let i = 0; i < PUBLISHED_POSTS; i++) {
    const { partner, office } = weighted(allOffices, random);
    postRows.push(makePost(partner, office, 'published', false));
  }
  // what must not show: drafts, submitted and returned posts in the open rounds, and last year's
  // posts (closed, and a few never closed: published in a round whose applications have closed)
  for (const partner of partners) {
    const extras: [NonNullable<PostRow['status']>, boolean, number][] = [
      ['draft', false, 5],
      ['submitted', false, 3],
      ['returned', false, 2],
      ['closed', true, 8],
      ['published', true, 2],
    ];
    for (const [status, past, count] of extras) {
      for (let i = 0; i < count; i++) postRows.push(makePost(partner, pick(partner.offices, random), status, past));
    }
  }

  // the quota is checked at submission: room for what the open round holds
  for (const agreement of agreementRows) {
    const partner = partners.find((p) => p.id === agreement.partnerId);
    const counting = postRows.filter((post) => post.roundId === partner?.openRoundId && (post.status === 'submitted' || post.status === 'published')).length;
    agreement.quotaPerRound = counting + 20;
  }

  return { anchor, organisations: orgRows, offices: officeRows, units: unitRows, agreements: agreementRows, rounds: roundRows, posts: postRows };
}

export function datasetFingerprint(dataset: CatalogueDataset): string {
  return createHash('sha256').update(JSON.stringify(dataset)).digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------------------------
// What the catalogue should list at a given time, worked out from the rows (not from the app).

export interface ListedPost {
  id: string;
  title: string;
  region: Region | undefined;
  country: string;
  levels: Level[];
  sdgs: number[];
  durationMonths: number;
  // every searchable text, folded: the catalogue looks a query word up anywhere in it
  searchText: string;
}

export function listedPosts(dataset: CatalogueDataset, now: Date): ListedPost[] {
  const open = new Set(dataset.rounds.filter((r) => r.applicationsOpenAt <= now && now < r.applicationsCloseAt).map((r) => r.id));
  const officeById = new Map(dataset.offices.map((o) => [o.id, o]));
  const unitById = new Map(dataset.units.map((u) => [u.id, u]));
  const orgById = new Map(dataset.organisations.map((o) => [o.id, o]));
  const listed: ListedPost[] = [];
  for (const post of dataset.posts) {
    if (post.status !== 'published' || !open.has(post.roundId)) continue;
    const office = officeById.get(post.officeId);
    const org = orgById.get(post.organisationId);
    if (!office || !org || !post.id) throw new Error(`Post ${post.id ?? '?'} has no office or partner`);
    const unit = post.unitId ? unitById.get(post.unitId) : undefined;
    const texts = [post.title, post.description, post.duties, unit?.name, office.name, office.city, countryName(office.country), countryName(office.servesCountry), org.name, org.shortName];
    listed.push({
      id: post.id,
      title: post.title,
      region: regionOf(office.country),
      country: office.country,
      levels: post.levels,
      sdgs: post.sdgs,
      durationMonths: post.durationMonths,
      searchText: foldText(texts.filter((t): t is string => typeof t === 'string').join(' ')),
    });
  }
  return listed;
}

// ids a signed-out visitor must not see: drafts, and posts of closed rounds that were never closed
export function hiddenPostIds(dataset: CatalogueDataset, now: Date): { draft: string; staleRound: string } {
  const closed = new Set(dataset.rounds.filter((r) => now >= r.applicationsCloseAt).map((r) => r.id));
  const draft = dataset.posts.find((p) => p.status === 'draft')?.id;
  const staleRound = dataset.posts.find((p) => p.status === 'published' && closed.has(p.roundId))?.id;
  if (!draft || !staleRound) throw new Error('The data set has no draft or no published post of a closed round');
  return { draft, staleRound };
}

// ---------------------------------------------------------------------------------------------
// Writing the rows

export async function insertCatalogueDataset(db: Db, dataset: CatalogueDataset): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(organisations).values(dataset.organisations);
    await tx.insert(offices).values(dataset.offices);
    await tx.insert(units).values(dataset.units);
    await tx.insert(agreements).values(dataset.agreements);
    await tx.insert(rounds).values(dataset.rounds);
    for (let start = 0; start < dataset.posts.length; start += BATCH_SIZE) {
      await tx.insert(posts).values(dataset.posts.slice(start, start + BATCH_SIZE));
    }
  });
  // PGlite runs no autovacuum, and a fresh PostgreSQL table has no statistics yet
  await db.execute(sql`vacuum analyze`);
}

async function countRows(db: Db): Promise<{ posts: number; published: number; offices: number }> {
  const [all] = await db.select({ n: count() }).from(posts);
  const [published] = await db.select({ n: count() }).from(posts).where(eq(posts.status, 'published'));
  const [places] = await db.select({ n: count() }).from(offices);
  return { posts: all?.n ?? -1, published: published?.n ?? -1, offices: places?.n ?? -1 };
}

async function checkCounts(db: Db, dataset: CatalogueDataset, where: string): Promise<void> {
  const counts = await countRows(db);
  const published = dataset.posts.filter((p) => p.status === 'published').length;
  if (counts.posts !== dataset.posts.length || counts.published !== published || counts.offices !== dataset.offices.length) {
    throw new Error(`${where}: expected ${dataset.posts.length} posts (${published} published) and ${dataset.offices.length} offices, found ${JSON.stringify(counts)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The PGlite directory, reused while it is current

interface Marker {
  generatorVersion: number;
  migrations: string;
  anchor: string;
  fingerprint: string;
  posts: number;
  generatedAt: string;
}

export interface CatalogueData {
  // pristine: copied, never served
  dataDir: string;
  dataset: CatalogueDataset;
}

function migrationsFingerprint(): string {
  return createHash('sha256').update(readFileSync(migrationsJournal)).digest('hex').slice(0, 16);
}

function openWindowCovers(dataset: CatalogueDataset, now: Date): boolean {
  const open = dataset.rounds.filter((r) => r.applicationsOpenAt <= now && now.getTime() + OPEN_MARGIN_MS < r.applicationsCloseAt.getTime());
  return open.length === partnerSpecs.length;
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(full) : statSync(full).size;
  }
  return total;
}

function universityName(dataDir: string): string {
  // writes the directory's session secret, as a first start would
  return loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'development' }).universityName;
}

// the directory's data set when it is there, current and still open now
function reusable(dataDir: string, now: Date): CatalogueDataset | undefined {
  const file = path.join(dataDir, MARKER_FILE);
  if (!existsSync(file) || !existsSync(path.join(dataDir, 'pgdata'))) return undefined;
  try {
    const marker = JSON.parse(readFileSync(file, 'utf8')) as Marker;
    if (marker.generatorVersion !== GENERATOR_VERSION || marker.migrations !== migrationsFingerprint()) return undefined;
    const dataset = buildCatalogueDataset(new Date(marker.anchor), universityName(dataDir));
    if (datasetFingerprint(dataset) !== marker.fingerprint || !openWindowCovers(dataset, now)) return undefined;
    return dataset;
  } catch {
    return undefined;
  }
}

async function generate(target: string, anchor: Date): Promise<CatalogueDataset> {
  const building = `${target}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  try {
    const dataset = buildCatalogueDataset(anchor, universityName(building));
    const database = await openDatabase({ dataDir: building });
    try {
      await migrateDatabase(database);
      await insertCatalogueDataset(database.db, dataset);
      await checkCounts(database.db, dataset, 'PGlite');
    } finally {
      await database.close();
    }
    const marker: Marker = {
      generatorVersion: GENERATOR_VERSION,
      migrations: migrationsFingerprint(),
      anchor: anchor.toISOString(),
      fingerprint: datasetFingerprint(dataset),
      posts: dataset.posts.length,
      generatedAt: new Date().toISOString(),
    };
    writeFileSync(path.join(building, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(building, target);
    return dataset;
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
}

export async function ensureCatalogueData(options: { fresh?: boolean; log?: (line: string) => void } = {}): Promise<{ data: CatalogueData; figures: Figures }> {
  const log = options.log ?? (() => {});
  const now = new Date();
  const existing = options.fresh ? undefined : reusable(catalogueDataDir, now);
  if (existing) {
    log(`Reusing ${path.relative(process.cwd(), catalogueDataDir)} (${existing.posts.length} posts, anchored ${existing.anchor.toISOString()}).`);
    return { data: { dataDir: catalogueDataDir, dataset: existing }, figures: {} };
  }
  // a whole hour: the same rows whenever the directory is checked within it
  const anchor = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  log(`Generating the catalogue data set into ${path.relative(process.cwd(), catalogueDataDir)} …`);
  const started = performance.now();
  const dataset = await generate(catalogueDataDir, anchor);
  const elapsed = performance.now() - started;
  log(`Generated ${dataset.posts.length} posts in ${(elapsed / 1000).toFixed(1)} s.`);
  return {
    data: { dataDir: catalogueDataDir, dataset },
    figures: {
      'catalogue.data.pglite_generate_ms': { value: Math.round(elapsed), unit: 'ms' },
      'catalogue.data.pglite_size_mb': { value: round(directoryBytes(catalogueDataDir) / (1024 * 1024)), unit: 'MiB' },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The PostgreSQL database: dropped, created, migrated and filled on every run

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

// BENCH_DATABASE_URL, else TEST_DATABASE_URL (either must answer), else the local default when it answers
export async function postgresBaseUrl(log: (line: string) => void): Promise<string | undefined> {
  const configured = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
  if (configured) {
    if (!(await answers(configured))) throw new Error(`PostgreSQL at ${redacted(configured)} (BENCH_DATABASE_URL or TEST_DATABASE_URL) does not answer`);
    return configured;
  }
  if (await answers(DEFAULT_POSTGRES_URL)) return DEFAULT_POSTGRES_URL;
  log(`No PostgreSQL at ${DEFAULT_POSTGRES_URL} and neither BENCH_DATABASE_URL nor TEST_DATABASE_URL set: the PostgreSQL runs are skipped.`);
  return undefined;
}

export async function buildPostgresCatalogue(baseUrl: string, dataset: CatalogueDataset, log: (line: string) => void): Promise<{ url: string; figures: Figures }> {
  const started = performance.now();
  const admin = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
    await admin.query(`create database ${BENCH_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(baseUrl, BENCH_DATABASE);
  const database = await openDatabase({ databaseUrl: url });
  try {
    await migrateDatabase(database);
    await insertCatalogueDataset(database.db, dataset);
    await checkCounts(database.db, dataset, 'PostgreSQL');
  } finally {
    await database.close();
  }
  const elapsed = performance.now() - started;
  log(`Built ${BENCH_DATABASE} on ${redacted(baseUrl)} in ${(elapsed / 1000).toFixed(1)} s.`);
  return { url, figures: { 'catalogue.data.postgres_build_ms': { value: Math.round(elapsed), unit: 'ms' } } };
}
