// The demo students and their applications to the current round: 40 fictional students across the
// demo courses, with profiles, CVs (generated PDFs), and an application in every state — drafts at
// various stages, submitted ones (some reopened and resubmitted), reopened drafts, withdrawn ones,
// two with a staff eligibility override, and a few whose choices the rules refuse. Equality answers
// for the students who submitted are stored under the same pseudonym the app derives, so the
// edi_officer's report has data above the suppression threshold.
//
// Every name, e-mail, phone number (Ofcom's drama range 07700 900xxx), organisation and CV entry is
// made up. Times fall between the round's opening and the moment of seeding, never later.
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Db } from './client.ts';
import { users } from '../modules/accounts/accounts.tables.ts';
import {
  applicationAnswers,
  applicationChoices,
  applicationEvents,
  applicationFunding,
  applications,
  applicationSubmissions,
  eligibilityOverrides,
  type ApplicationEventKind,
  type ApplicationStatus,
  type FundingAnswers,
  type SubmissionSnapshot,
} from '../modules/applications/applications.tables.ts';
import { fundingQuestions } from '../modules/applications/funding-questions.ts';
import { AGREED } from '../modules/applications/round-answers.ts';
import { courses } from '../modules/courses/courses.tables.ts';
import { createPseudonymiser } from '../modules/equality/equality.pseudonym.ts';
import { equalityResponses, type EqualityAnswers } from '../modules/equality/equality.tables.ts';
import { offices } from '../modules/partners/partners.tables.ts';
import { checkEligibility, cefrLevels, languageNames, type Cefr, type LanguageRequirement } from '../modules/posts/eligibility.ts';
import { posts } from '../modules/posts/posts.tables.ts';
import { roundQuestions } from '../modules/rounds/round-questions.tables.ts';
import { rounds } from '../modules/rounds/rounds.tables.ts';
import { factsOf } from '../modules/students/students.service.ts';
import { studentProfiles } from '../modules/students/students.tables.ts';
import type { FileStore } from '../platform/files/file-store.ts';
import { storedFiles } from '../platform/files/files.tables.ts';
import { addDays, dayIn } from '../platform/time/zoned.ts';
import { choiceMotivation, personalStatement } from './seed-statements.ts';

// the posts of the current round (seed-programme.ts), by a short name
const P = {
  support: 'Programme Support Intern',
  policy: 'Migration Policy Research Intern',
  data: 'Data and Reporting Intern',
  comms: 'Communications Intern',
  health: 'Migration Health Intern',
  monitoring: 'Project Monitoring Intern',
  climate: 'Climate Mobility Intern',
  labour: 'Labour Migration Intern',
  trafficking: 'Counter-Trafficking Programme Intern',
  outreach: 'Communications and Outreach Intern',
  emergency: 'Emergency Response Intern',
  protection: 'Migrant Protection Intern',
} as const;
type PostKey = keyof typeof P;

type Plan =
  | 'submitted'
  | 'resubmitted' // submitted, reopened, submitted again: two submissions
  | 'override' // submitted after the programme team overrode one choice's result
  | 'reopened' // a draft again after a submission
  | 'withdrawn_submitted'
  | 'withdrawn_draft'
  | 'draft_empty' // started only
  | 'draft_no_choices' // a statement, no posts yet (one with a CV)
  | 'draft_no_cv'
  | 'draft_unanswered' // choices, statement and CV, but no answers or funding questions yet
  | 'draft_ineligible'; // a choice the rules refuse (language, level, or graduated too long ago)

interface DemoStudent {
  name: string;
  sex: 'female' | 'male';
  nationality: string;
  course: string;
  year: number;
  graduated?: 'recent' | 'long_ago';
  // "code:level" pairs, the student's own languages included
  languages: string;
  plan: Plan;
  wants: PostKey[];
  ethnicity: string;
  withdrawReason?: string;
  override?: { post: PostKey; reason: string };
  accessNeeds?: string;
}

// The first twelve are the demo students of the first release (same names and e-mails).
const roster: DemoStudent[] = [
  { name: 'Kofi Asante', sex: 'male', nationality: 'GH', course: 'International Development MSc', year: 1, languages: 'en:C2 tw:C2 fr:B2', plan: 'submitted', wants: ['policy', 'support', 'emergency'], ethnicity: 'black_african' },
  { name: 'Mei Lin Chen', sex: 'female', nationality: 'GB', course: 'Data Science MSc', year: 1, languages: 'en:C2 zh:C1', plan: 'submitted', wants: ['data', 'comms'], ethnicity: 'asian_chinese' },
  { name: 'Hannah Brooks', sex: 'female', nationality: 'GB', course: 'Politics and International Relations BA', year: 3, languages: 'en:C2 fr:B2', plan: 'resubmitted', wants: ['comms', 'trafficking', 'labour'], ethnicity: 'white_british' },
  { name: 'Diego Morales', sex: 'male', nationality: 'MX', course: 'Development Studies MA', year: 1, languages: 'es:C2 en:C1 pt:B2', plan: 'submitted', wants: ['climate', 'monitoring', 'protection'], ethnicity: 'other_any' },
  {
    name: 'Fatima Yusuf',
    sex: 'female',
    nationality: 'GB',
    course: 'Public Health MPH',
    year: 1,
    languages: 'en:C2 so:C1 ar:B1',
    plan: 'override',
    wants: ['health', 'emergency', 'support'],
    ethnicity: 'black_african',
    override: { post: 'health', reason: 'The MPH is a one-year postgraduate course taken after a nursing degree; the year-2 rule is meant for undergraduates. Agreed with the partner focal point.' },
  },
  { name: 'Oliver Grant', sex: 'male', nationality: 'GB', course: 'Law LLB', year: 2, languages: 'en:C2 es:A2', plan: 'submitted', wants: ['trafficking', 'protection'], ethnicity: 'white_british' },
  { name: 'Sofia Rossi', sex: 'female', nationality: 'IT', course: 'International Relations BA', year: 3, languages: 'it:C2 en:C1 fr:B1', plan: 'submitted', wants: ['data', 'comms'], ethnicity: 'white_other' },
  { name: 'Ibrahim Diallo', sex: 'male', nationality: 'SN', course: 'Development Studies MA', year: 1, languages: 'fr:C2 wo:C2 en:C1', plan: 'submitted', wants: ['policy', 'support'], ethnicity: 'black_african' },
  { name: 'Chloe Evans', sex: 'female', nationality: 'GB', course: 'Human Geography BSc', year: 3, languages: 'en:C2 pt:A2', plan: 'draft_ineligible', wants: ['monitoring', 'protection'], ethnicity: 'white_british' },
  { name: 'Arjun Patel', sex: 'male', nationality: 'GB', course: 'Data Science BSc', year: 2, languages: 'en:C2 gu:B2 hi:B1', plan: 'submitted', wants: ['data', 'labour'], ethnicity: 'asian_indian' },
  { name: 'Leila Karimi', sex: 'female', nationality: 'GB', course: 'Politics BA', year: 2, languages: 'en:C2 fa:C2 fr:A2', plan: 'reopened', wants: ['comms', 'outreach'], ethnicity: 'asian_other' },
  { name: 'Samuel Adeyemi', sex: 'male', nationality: 'NG', course: 'International Development MSc', year: 1, languages: 'en:C2 yo:C2 fr:B1', plan: 'resubmitted', wants: ['support', 'policy', 'emergency'], ethnicity: 'black_african' },
  { name: 'Aoife Gallagher', sex: 'female', nationality: 'IE', course: 'Law LLB', year: 3, languages: 'en:C2 ga:B1', plan: 'submitted', wants: ['protection', 'trafficking'], ethnicity: 'white_irish' },
  { name: 'Tomás Ribeiro', sex: 'male', nationality: 'PT', course: 'International Relations BA', year: 2, languages: 'pt:C2 en:C1 es:B2', plan: 'submitted', wants: ['monitoring', 'protection', 'labour'], ethnicity: 'white_other' },
  {
    name: 'Nadia Rahman',
    sex: 'female',
    nationality: 'GB',
    course: 'Politics and International Relations BA',
    year: 3,
    languages: 'en:C2 bn:C1',
    plan: 'withdrawn_submitted',
    wants: ['outreach', 'comms'],
    ethnicity: 'asian_bangladeshi',
    withdrawReason: 'I have been offered a year-long placement in the UK that starts at the same time.',
  },
  { name: 'Yusuf Demir', sex: 'male', nationality: 'TR', course: 'Data Science MSc', year: 1, languages: 'tr:C2 en:C1 de:B1', plan: 'submitted', wants: ['data', 'comms'], ethnicity: 'white_other' },
  { name: 'Grace Odhiambo', sex: 'female', nationality: 'KE', course: 'Public Health MPH', year: 1, languages: 'en:C2 sw:C2', plan: 'submitted', wants: ['emergency', 'support'], ethnicity: 'black_african', accessNeeds: 'I would like interview slots after 10:00 UK time if possible, because of a regular medical appointment.' },
  { name: 'Lukas Becker', sex: 'male', nationality: 'DE', course: 'Development Studies MA', year: 1, languages: 'de:C2 en:C1 fr:B2 pt:B1', plan: 'submitted', wants: ['policy', 'monitoring'], ethnicity: 'white_other' },
  { name: 'Zara Ahmed', sex: 'female', nationality: 'GB', course: 'Human Geography BSc', year: 2, languages: 'en:C2 ur:B2', plan: 'submitted', wants: ['protection', 'labour', 'outreach'], ethnicity: 'asian_pakistani' },
  { name: 'Mateo Silva', sex: 'male', nationality: 'BR', course: 'International Development MSc', year: 1, languages: 'pt:C2 es:C1 en:C1', plan: 'resubmitted', wants: ['climate', 'monitoring'], ethnicity: 'other_any' },
  { name: 'Ananya Iyer', sex: 'female', nationality: 'IN', course: 'Public Health MPH', year: 1, languages: 'en:C2 ta:C2 hi:B2', plan: 'reopened', wants: ['support', 'emergency'], ethnicity: 'asian_indian' },
  { name: 'Ewan MacLeod', sex: 'male', nationality: 'GB', course: 'Politics BA', year: 1, languages: 'en:C2 gd:B1', plan: 'draft_ineligible', wants: ['policy', 'trafficking'], ethnicity: 'white_british' },
  { name: 'Amina Bello', sex: 'female', nationality: 'NG', course: 'Law LLB', year: 2, languages: 'en:C2 ha:C2 fr:B1', plan: 'submitted', wants: ['trafficking', 'support'], ethnicity: 'black_african' },
  { name: 'Julien Moreau', sex: 'male', nationality: 'FR', course: 'International Relations BA', year: 3, languages: 'fr:C2 en:C1', plan: 'withdrawn_draft', wants: ['comms'], ethnicity: 'white_other' },
  { name: 'Hana Sato', sex: 'female', nationality: 'JP', course: 'Data Science MSc', year: 1, languages: 'ja:C2 en:C1', plan: 'draft_no_cv', wants: ['data'], ethnicity: 'asian_other' },
  { name: 'Owen Price', sex: 'male', nationality: 'GB', course: 'Politics BA', year: 3, graduated: 'recent', languages: 'en:C2 cy:B2 fr:B2', plan: 'submitted', wants: ['policy', 'comms'], ethnicity: 'white_british' },
  { name: 'Marta Kowalska', sex: 'female', nationality: 'PL', course: 'International Development MSc', year: 1, graduated: 'recent', languages: 'pl:C2 en:C1 pt:B2', plan: 'submitted', wants: ['climate', 'protection'], ethnicity: 'white_other' },
  { name: 'Daniel Owusu', sex: 'male', nationality: 'GB', course: 'Human Geography BSc', year: 3, languages: 'en:C2', plan: 'draft_no_choices', wants: [], ethnicity: 'black_african' },
  { name: 'Lina Nasser', sex: 'female', nationality: 'LB', course: 'Development Studies MA', year: 1, graduated: 'long_ago', languages: 'ar:C2 fr:C1 en:C1', plan: 'draft_ineligible', wants: ['policy', 'support'], ethnicity: 'other_arab' },
  { name: 'Rohan Mehta', sex: 'male', nationality: 'GB', course: 'Data Science BSc', year: 3, languages: 'en:C2 hi:B1', plan: 'withdrawn_submitted', wants: ['data', 'labour'], ethnicity: 'asian_indian' },
  { name: 'Isabel Navarro', sex: 'female', nationality: 'ES', course: 'Politics and International Relations BA', year: 2, languages: 'es:C2 en:C1 pt:B1', plan: 'submitted', wants: ['monitoring', 'protection'], ethnicity: 'white_other' },
  { name: 'Kwame Boateng', sex: 'male', nationality: 'GH', course: 'Law LLB', year: 1, languages: 'en:C2 ak:C2', plan: 'draft_empty', wants: [], ethnicity: 'black_african' },
  { name: 'Elif Yilmaz', sex: 'female', nationality: 'TR', course: 'Public Health MPH', year: 1, languages: 'tr:C2 en:C1', plan: 'draft_unanswered', wants: ['emergency'], ethnicity: 'white_other' },
  { name: 'Callum Reid', sex: 'male', nationality: 'GB', course: 'Data Science BSc', year: 1, languages: 'en:C2', plan: 'draft_no_cv', wants: ['data', 'comms'], ethnicity: 'white_british' },
  {
    name: 'Thandiwe Dlamini',
    sex: 'female',
    nationality: 'ZA',
    course: 'International Development MSc',
    year: 1,
    languages: 'en:C2 zu:C2 pt:B1',
    plan: 'override',
    wants: ['climate', 'protection'],
    ethnicity: 'black_african',
    override: { post: 'climate', reason: 'Lived in Maputo for two years; a Portuguese-speaking colleague confirmed working proficiency at the screening call. The partner accepts B1 with that evidence.' },
  },
  { name: 'Ahmad Noori', sex: 'male', nationality: 'AF', course: 'Development Studies MA', year: 1, languages: 'fa:C2 ps:C2 en:C1', plan: 'reopened', wants: ['labour', 'support'], ethnicity: 'asian_other' },
  { name: 'Sienna Clarke', sex: 'female', nationality: 'GB', course: 'International Relations BA', year: 2, languages: 'en:C2 es:B2', plan: 'withdrawn_draft', wants: ['outreach'], ethnicity: 'mixed_white_black_caribbean', withdrawReason: 'Family reasons: I need to stay close to home next year.' },
  { name: 'Noah Williams', sex: 'male', nationality: 'GB', course: 'Human Geography BSc', year: 2, languages: 'en:C2', plan: 'reopened', wants: ['protection', 'labour'], ethnicity: 'black_caribbean' },
  { name: 'Maryam Siddiqui', sex: 'female', nationality: 'PK', course: 'Public Health MPH', year: 1, languages: 'ur:C2 en:C2 pa:B2', plan: 'submitted', wants: ['support', 'emergency'], ethnicity: 'asian_pakistani' },
  { name: 'Ethan Walsh', sex: 'male', nationality: 'IE', course: 'Politics BA', year: 3, languages: 'en:C2 ga:B1 fr:B1', plan: 'draft_no_choices', wants: [], ethnicity: 'white_irish' },
];

export const DEMO_STUDENT_COUNT = roster.length;

export function demoStudentEmail(name: string, domain: string): string {
  const local = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${local}@${domain}`;
}

// ------------------------------------------------------------------------------------------------
// what goes on a CV

type Area = 'politics' | 'development' | 'data' | 'law' | 'health' | 'geography';

function areaOf(course: string): Area {
  if (/data science/i.test(course)) return 'data';
  if (/law/i.test(course)) return 'law';
  if (/health/i.test(course)) return 'health';
  if (/geography/i.test(course)) return 'geography';
  if (/development/i.test(course)) return 'development';
  return 'politics';
}

interface Experience {
  role: string;
  org: string;
  // for the statement: "while {phrase}"
  phrase: string;
  bullets: string[];
}

const areaExperience: Record<Area, Experience[]> = {
  politics: [
    { role: 'Policy intern', org: 'Centre for Global Fairness (think tank), London', phrase: 'interning at a small think tank on asylum policy', bullets: ['Summarised parliamentary debates on asylum for a weekly bulletin', 'Researched and fact-checked a briefing on family reunion rules'] },
    { role: 'Features editor', org: 'The Example Courier (student newspaper)', phrase: 'editing the features section of the student newspaper, where I commissioned a series on students who arrived as refugees', bullets: ['Commissioned and edited twelve long-form features a term', 'Ran workshops on interviewing and ethical reporting'] },
  ],
  development: [
    { role: 'Monitoring volunteer', org: 'Schools Link Mozambique (UK charity)', phrase: 'volunteering as a monitoring assistant for a small education charity', bullets: ['Cleaned and analysed attendance data from partner schools', 'Drafted the annual report section on results'] },
    { role: 'Programme assistant', org: 'Lakeside Youth Reading Project', phrase: 'working as a programme assistant for a youth reading project in a displacement-affected town', bullets: ['Coordinated weekly sessions for 40 children with local volunteers', 'Kept the project budget tracker and receipts in order'] },
  ],
  data: [
    { role: 'Data volunteer', org: 'FoodShare Network', phrase: 'analysing visitor data for a regional food bank network', bullets: ['Built a dashboard of weekly visits across nine food banks', 'Wrote a short guide so staff could update it themselves'] },
    { role: 'Summer analyst', org: 'Brightline Analytics', phrase: 'working as a junior data analyst on a summer placement, cleaning survey data for charity clients', bullets: ['Cleaned and documented survey data for three charity clients', 'Automated a monthly report in Python, saving a day of work'] },
  ],
  law: [
    { role: 'Advice clinic volunteer', org: 'Eastbridge Law Centre, immigration clinic', phrase: 'volunteering at a law centre’s immigration advice clinic', bullets: ['Took first-contact notes for clients under a supervising solicitor', 'Prepared bundles of country information for appeals'] },
    { role: 'Research assistant', org: 'Refugee Law Clinic (student-run)', phrase: 'researching trafficking cases for the university’s refugee law clinic', bullets: ['Summarised case law on identification of victims of trafficking', 'Helped run a training session for student advisers'] },
  ],
  health: [
    { role: 'Health outreach assistant', org: 'Southside Community Health Project', phrase: 'supporting a community health outreach project for newly arrived families', bullets: ['Helped families register with a GP and book vaccinations', 'Organised interpreters for weekly drop-in sessions'] },
    { role: 'Healthcare assistant', org: 'St Aldhelm’s Hospital (bank staff)', phrase: 'working shifts as a healthcare assistant on a busy medical ward', bullets: ['Cared for patients on a 28-bed medical ward', 'Completed safeguarding and infection-control training'] },
  ],
  geography: [
    { role: 'Field assistant', org: 'Coastal Futures research project (Department of Geography)', phrase: 'assisting with field surveys on coastal flooding and relocation', bullets: ['Carried out household surveys in three coastal villages', 'Mapped survey results in QGIS for the project report'] },
    { role: 'Volunteer mapper', org: 'Open Map Aid (student chapter)', phrase: 'mapping buildings and roads for humanitarian responses with a student mapping group', bullets: ['Mapped settlements for two emergency responses', 'Trained 25 new volunteers at mapathons'] },
  ],
};

const generalExperience: Experience[] = [
  { role: 'Volunteer caseworker', org: 'Riverside Refugee Welcome Centre', phrase: 'volunteering as a caseworker at a refugee welcome centre', bullets: ['Helped clients with housing and benefit forms', 'Kept case notes in the centre’s confidential database'] },
  { role: 'English conversation volunteer', org: 'Northgate Community Language Café', phrase: 'running English conversation sessions at a community language café', bullets: ['Led weekly conversation groups for adult learners', 'Planned sessions around job interviews and health appointments'] },
  { role: 'Student ambassador', org: 'Widening Participation Office (university)', phrase: 'working as a student ambassador with school pupils from under-represented areas', bullets: ['Led campus tours and study-skills workshops', 'Mentored four sixth-form students through their applications'] },
  { role: 'Teaching volunteer', org: 'Hope Valley Learning Centre', phrase: 'teaching maths to unaccompanied young people at a learning centre', bullets: ['Taught GCSE maths to small groups of 16 to 18 year olds', 'Adapted materials for learners with interrupted schooling'] },
  { role: 'Campaigns coordinator', org: 'Open Doors Student Action', phrase: 'coordinating a student campaign for sanctuary scholarships', bullets: ['Coordinated a team of 15 volunteers', 'Helped secure three new sanctuary scholarships'] },
];

const jobs: Experience[] = [
  { role: 'Customer adviser (part time)', org: 'Greenway Supermarkets', phrase: 'working part time as a customer adviser', bullets: ['Handled customer queries and complaints calmly'] },
  { role: 'Barista (part time)', org: 'Corner House Café', phrase: 'working part time in a café', bullets: ['Trained new staff and opened the café on weekend shifts'] },
  { role: 'Library assistant (part time)', org: 'University Library', phrase: 'working part time at the university library', bullets: ['Helped students find sources and use the catalogue'] },
];

const skillsOf: Record<Area, string[]> = {
  politics: ['Policy analysis', 'Report and briefing writing', 'Public speaking', 'Microsoft Office'],
  development: ['Monitoring and evaluation', 'Logical frameworks', 'NVivo', 'Budget tracking', 'Microsoft Office'],
  data: ['Python (pandas, matplotlib)', 'R', 'SQL', 'Power BI', 'Survey design'],
  law: ['Legal research', 'Case management', 'Drafting and note-taking', 'Westlaw'],
  health: ['Basic epidemiology', 'Stata', 'Safeguarding (level 2)', 'First aid'],
  geography: ['QGIS', 'Household surveys', 'Interviewing', 'Excel'],
};

const interests = ['Running and hill walking', 'Choir and community music', 'Cooking for friends', 'Photography', 'Five-a-side football', 'Chess club', 'Climbing', 'Reading contemporary fiction'];

// "Development Studies MA" reads "Development Studies" in a sentence
function subjectOf(course: string): string {
  return course.replace(/ (BA|BSc|MA|MSc|LLB|MPH)$/, '');
}

function languageLabel(code: string): string {
  return languageNames[code] ?? new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' }).of(code) ?? code;
}

function parseLanguages(spec: string): LanguageRequirement[] {
  return spec.split(' ').map((pair) => {
    const [language = '', level = 'B1'] = pair.split(':');
    if (!(cefrLevels as readonly string[]).includes(level)) throw new Error(`Unknown CEFR level ${level}`);
    return { language, level: level as Cefr };
  });
}

// pdf-lib's standard fonts write WinAnsi: letters outside it lose their accents, anything else goes
function winAnsi(text: string): string {
  return text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/[^\u0000-\u00ff]/g, (c) => c.normalize('NFD').replace(/[^\u0000-\u00ff]/g, '') || '?');
}

interface CvFacts {
  name: string;
  email: string;
  phone: string;
  course: string;
  university: string;
  studyYears: string;
  school: string;
  experiences: { role: string; org: string; dates: string; bullets: string[] }[];
  languages: string[];
  skills: string[];
  interests: string;
  profile: string;
}

async function cvPdf(cv: CvFacts): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`CV - ${winAnsi(cv.name)}`);
  doc.setAuthor(winAnsi(cv.name));
  doc.setCreator('Outbound demo data');
  doc.setProducer('pdf-lib');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const width = 595;
  const height = 842;
  const margin = 56;
  let page: PDFPage = doc.addPage([width, height]);
  let y = height - margin;
  const ink = rgb(0.1, 0.1, 0.12);
  const muted = rgb(0.35, 0.35, 0.4);

  function ensure(space: number) {
    if (y - space < margin) {
      page = doc.addPage([width, height]);
      y = height - margin;
    }
  }
  function line(text: string, options: { font?: PDFFont; size?: number; x?: number; color?: typeof ink } = {}) {
    const font = options.font ?? regular;
    const x = options.x ?? margin;
    const safe = winAnsi(text);
    // a line too long for the page is set smaller rather than running off it
    const size = Math.min(options.size ?? 10, ((options.size ?? 10) * (width - margin - x)) / Math.max(1, font.widthOfTextAtSize(safe, options.size ?? 10)));
    ensure(size + 4);
    page.drawText(safe, { x, y: y - size, size, font, color: options.color ?? ink });
    y -= size + 4;
  }
  function wrapped(text: string, options: { size?: number; indent?: number; bullet?: boolean } = {}) {
    const size = options.size ?? 10;
    const x = margin + (options.indent ?? 0);
    const maxWidth = width - margin - x;
    const words = winAnsi(text).split(/\s+/);
    let current = '';
    let first = true;
    const flush = () => {
      ensure(size + 4);
      if (options.bullet && first) page.drawText('-', { x: x - 9, y: y - size, size, font: regular, color: ink });
      line(current, { size, x });
      first = false;
      current = '';
    };
    for (const word of words) {
      const next = current ? `${current} ${word}` : word;
      if (regular.widthOfTextAtSize(next, size) > maxWidth && current) {
        flush();
        current = word;
      } else current = next;
    }
    if (current) flush();
  }
  function heading(text: string) {
    ensure(40);
    y -= 10;
    line(text.toUpperCase(), { font: bold, size: 11 });
    page.drawLine({ start: { x: margin, y: y + 1 }, end: { x: width - margin, y: y + 1 }, thickness: 0.6, color: muted });
    y -= 4;
  }

  line(cv.name, { font: bold, size: 20 });
  y -= 2;
  line(`${cv.email}  |  ${cv.phone}  |  ${cv.university}`, { size: 9.5, color: muted });
  heading('Profile');
  wrapped(cv.profile);
  heading('Education');
  line(`${cv.course}, ${cv.university}`, { font: bold });
  line(cv.studyYears, { size: 9.5, color: muted });
  y -= 4;
  line(cv.school, { font: bold });
  heading('Experience');
  for (const e of cv.experiences) {
    ensure(50);
    line(`${e.role}, ${e.org}`, { font: bold });
    line(e.dates, { size: 9.5, color: muted });
    for (const b of e.bullets) wrapped(b, { indent: 12, bullet: true });
    y -= 4;
  }
  heading('Languages');
  wrapped(cv.languages.join('; '));
  heading('Skills');
  wrapped(cv.skills.join(', '));
  heading('Interests');
  wrapped(cv.interests);
  return doc.save({ useObjectStreams: false });
}

// ------------------------------------------------------------------------------------------------

// a small deterministic generator: the demo is the same every time, apart from its dates
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

// one of the values by weight
function weighted(rand: () => number, pairs: [string, number][]): string {
  const total = pairs.reduce((sum, [, w]) => sum + w, 0);
  let r = rand() * total;
  for (const [value, w] of pairs) {
    r -= w;
    if (r < 0) return value;
  }
  return pairs[pairs.length - 1]?.[0] ?? '';
}

const SUBMITTED_PLANS: Plan[] = ['submitted', 'resubmitted', 'override'];
const EVER_SUBMITTED: Plan[] = [...SUBMITTED_PLANS, 'reopened', 'withdrawn_submitted'];

function statusOf(plan: Plan): ApplicationStatus {
  if (SUBMITTED_PLANS.includes(plan)) return 'submitted';
  if (plan === 'withdrawn_submitted' || plan === 'withdrawn_draft') return 'withdrawn';
  return 'draft';
}

function fundingAnswers(rand: () => number, student: DemoStudent): FundingAnswers {
  const answers: FundingAnswers = {
    incomeBand: weighted(rand, [
      ['up_to_25000', 4],
      ['25001_to_42875', 3],
      ['over_42875', 4],
      ['unknown', 1],
      ['prefer_not', 1],
    ]),
  };
  for (const question of fundingQuestions) {
    if (question.key === 'incomeBand') continue;
    answers[question.key] = weighted(rand, [
      ['no', 16],
      ['yes', 2],
      ['prefer_not', 1],
    ]);
  }
  if (student.nationality === 'AF') answers.refugee = 'yes';
  if (answers.incomeBand === 'up_to_25000' && rand() < 0.5) answers.incomeBenefits = 'yes';
  return answers;
}

function equalityAnswers(rand: () => number, student: DemoStudent, level: 'UG' | 'PG', graduated: boolean): EqualityAnswers {
  const answers: EqualityAnswers = {
    ethnicity: student.ethnicity,
    disability: weighted(rand, [
      ['no', 8],
      ['yes', 2],
      ['prefer_not', 1],
    ]),
    sex: rand() < 0.92 ? student.sex : 'prefer_not',
    genderIdentity: weighted(rand, [
      ['yes', 18],
      ['no', 1],
      ['prefer_not', 1],
    ]),
    ageBand: level === 'UG' && !graduated ? (student.year === 1 ? 'under_21' : weighted(rand, [['under_21', 1], ['21_24', 2]])) : weighted(rand, [['21_24', 3], ['25_29', 2], ['30_over', 1]]),
    firstInFamily: weighted(rand, [
      ['no', 5],
      ['yes', 4],
      ['dont_know', 1],
    ]),
    polarQuintile: weighted(rand, [
      ['q1', 2],
      ['q2', 2],
      ['q3', 2],
      ['q4', 2],
      ['q5', 2],
      ['dont_know', 3],
    ]),
    freeSchoolMeals: weighted(rand, [
      ['no', 6],
      ['yes', 3],
      ['dont_know', 1],
    ]),
  };
  // some students skip a question: every one is optional
  if (rand() < 0.2) delete answers.polarQuintile;
  return answers;
}

export interface SeedApplicationsOptions {
  now: Date;
  roundId: string;
  // the demo staff member who decided the eligibility overrides
  staffUserId: string;
  passwordHash: string;
  // the app's secret: equality answers are stored under the pseudonym the app will derive from it
  secret: string;
  fileStore: FileStore;
  studentEmailDomain: string;
  universityName: string;
}

export interface SeededApplications {
  students: number;
  applications: number;
  cvs: number;
}

export async function seedApplications(db: Db, options: SeedApplicationsOptions): Promise<SeededApplications> {
  const { now, roundId, staffUserId, passwordHash, fileStore, studentEmailDomain, universityName } = options;
  const rand = random(20260301);
  const pseudonym = createPseudonymiser(options.secret);

  // what the seed builds on: the round, its posts, questions and the courses
  const [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
  if (!round) throw new Error('The demo round is missing');
  const roundPosts = await db
    .select({ id: posts.id, title: posts.title, levels: posts.levels, courses: posts.courses, minYear: posts.minYear, languages: posts.languages, city: offices.city })
    .from(posts)
    .innerJoin(offices, eq(offices.id, posts.officeId))
    .where(and(eq(posts.roundId, roundId), eq(posts.status, 'published')));
  const postByTitle = new Map(roundPosts.map((p) => [p.title, p]));
  const questions = (await db.select().from(roundQuestions).where(eq(roundQuestions.roundId, roundId))).sort((a, b) => (a.kind === 'declaration' ? 1 : 0) - (b.kind === 'declaration' ? 1 : 0) || a.position - b.position);
  const courseRows = await db.select().from(courses);
  const courseByName = new Map(courseRows.map((c) => [c.name, c]));
  const emails = roster.map((s) => demoStudentEmail(s.name, studentEmailDomain));
  const taken = new Set((await db.select({ email: users.email }).from(users).where(inArray(users.email, emails))).map((u) => u.email));
  const numbersTaken = new Set((await db.select({ n: studentProfiles.studentNumber }).from(studentProfiles)).map((r) => r.n));

  const today = dayIn(now, 'Europe/London');
  const asOf = dayIn(round.applicationsCloseAt, round.timeZone);
  const academicStart = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) >= 9 ? 0 : 1);
  const openMs = round.applicationsOpenAt.getTime();
  const endMs = now.getTime() - 20 * 60_000;
  if (endMs <= openMs) throw new Error('The demo round must have opened before the applications are seeded');
  const at = (fraction: number) => new Date(openMs + Math.round(fraction * (endMs - openMs)));

  const rows = {
    users: [] as (typeof users.$inferInsert)[],
    profiles: [] as (typeof studentProfiles.$inferInsert)[],
    files: [] as (typeof storedFiles.$inferInsert)[],
    applications: [] as (typeof applications.$inferInsert)[],
    choices: [] as (typeof applicationChoices.$inferInsert)[],
    answers: [] as (typeof applicationAnswers.$inferInsert)[],
    funding: [] as (typeof applicationFunding.$inferInsert)[],
    events: [] as (typeof applicationEvents.$inferInsert)[],
    submissions: [] as (typeof applicationSubmissions.$inferInsert)[],
    overrides: [] as (typeof eligibilityOverrides.$inferInsert)[],
    equality: [] as (typeof equalityResponses.$inferInsert)[],
  };
  const pdfs: { fileId: string; bytes: Uint8Array; name: string; createdAt: Date; createdBy: string }[] = [];

  for (const [index, student] of roster.entries()) {
    const email = emails[index] as string;
    if (taken.has(email)) continue;
    const course = courseByName.get(student.course);
    if (!course) throw new Error(`The demo course ${student.course} is missing`);
    const userId = randomUUID();
    const applicationId = randomUUID();
    const languages = parseLanguages(student.languages);

    // study: graduation in July (undergraduates) or September (one-year masters)
    const finalYear = course.level === 'UG' ? 3 : 1;
    let expectedGraduation: string;
    if (student.graduated === 'recent') expectedGraduation = addDays(today, -(95 + index * 3));
    else if (student.graduated === 'long_ago') expectedGraduation = addDays(today, -(530 + index));
    else {
      const year = academicStart + 1 + (finalYear - student.year);
      expectedGraduation = course.level === 'UG' ? `${year}-07-14` : `${year}-09-30`;
      if (expectedGraduation <= today) expectedGraduation = `${year + 1}${expectedGraduation.slice(4)}`;
    }
    const entryYear = Number(expectedGraduation.slice(0, 4)) - finalYear;
    let studentNumber = `${entryYear}${String(4100 + index * 17).padStart(4, '0')}`;
    while (numbersTaken.has(studentNumber)) studentNumber = `${studentNumber.slice(0, 4)}${String(Number(studentNumber.slice(4)) + 1).padStart(4, '0')}`;
    numbersTaken.add(studentNumber);
    const phone = `+44 7700 900${String(100 + index * 7).padStart(3, '0')}`;
    const profile = {
      userId,
      studentNumber,
      courseId: course.id,
      studyLevel: course.level,
      course: course.name,
      yearOfStudy: student.year,
      expectedGraduation,
      languages,
      nationality: student.nationality,
      phone,
      pronouns: rand() < 0.3 ? (student.sex === 'female' ? 'she/her' : 'he/him') : '',
    };

    // choices: the posts the student wants; a submitted application keeps the eligible ones
    // (or the one the programme team overrode)
    const facts = factsOf({ ...profile, updatedAt: now }, today);
    const eligible = (title: string) => {
      const post = postByTitle.get(title);
      return post ? checkEligibility(facts, { levels: post.levels, courses: post.courses, minYear: post.minYear, languages: post.languages }, asOf).eligible : false;
    };
    const overridden = student.override ? P[student.override.post] : undefined;
    let titles: string[] = student.wants.map((k) => P[k]);
    if (EVER_SUBMITTED.includes(student.plan) || student.plan === 'withdrawn_draft') {
      titles = titles.filter((t) => t === overridden || eligible(t));
      if (titles.length === 0) {
        const fallback = roundPosts.find((p) => eligible(p.title));
        if (fallback) titles = [fallback.title];
      }
    }
    const chosen = titles.map((title) => postByTitle.get(title)).filter((p) => p !== undefined);
    if (EVER_SUBMITTED.includes(student.plan) && chosen.length === 0) throw new Error(`No eligible post for demo student ${student.name}`);

    // the timeline, as fractions of the time since the round opened
    const startFrac = 0.02 + rand() * 0.5;
    const steps: { kind: ApplicationEventKind; frac: number }[] = [{ kind: 'started', frac: startFrac }];
    const scriptOf: Record<Plan, ApplicationEventKind[]> = {
      submitted: rand() < 0.5 ? ['saved', 'submitted'] : ['saved', 'saved', 'submitted'],
      resubmitted: ['saved', 'submitted', 'reopened', 'saved', 'submitted'],
      override: ['saved', 'saved', 'submitted'],
      reopened: rand() < 0.5 ? ['saved', 'submitted', 'reopened'] : ['saved', 'submitted', 'reopened', 'saved'],
      withdrawn_submitted: ['saved', 'submitted', 'withdrawn'],
      withdrawn_draft: ['saved', 'withdrawn'],
      draft_empty: [],
      draft_no_choices: ['saved'],
      draft_no_cv: ['saved', 'saved'],
      draft_unanswered: ['saved'],
      draft_ineligible: ['saved', 'saved'],
    };
    let frac = startFrac;
    const script = scriptOf[student.plan];
    for (const [i, kind] of script.entries()) {
      const room = (0.99 - frac) / (script.length - i);
      frac += room * (0.3 + rand() * 0.7);
      steps.push({ kind, frac });
    }
    const timeOf = (kind: ApplicationEventKind, nth = 0) => at(steps.filter((s) => s.kind === kind)[nth]?.frac ?? frac);
    const started = at(startFrac);
    const last = at(frac);
    for (const step of steps) rows.events.push({ applicationId, at: at(step.frac), kind: step.kind });

    rows.users.push({ id: userId, email, name: student.name, passwordHash, roles: ['student'], emailVerifiedAt: new Date(started.getTime() - (2 + index) * 3_600_000), isDemo: true, createdAt: new Date(started.getTime() - (3 + index) * 3_600_000), updatedAt: started });
    rows.profiles.push({ ...profile, updatedAt: new Date(started.getTime() + 10 * 60_000) });

    // the CV
    const area = areaOf(course.name);
    const own = areaExperience[area][index % 2] as Experience;
    const general = generalExperience[index % generalExperience.length] as Experience;
    const job = jobs[index % jobs.length] as Experience;
    const hasCv = !['draft_empty', 'draft_no_cv'].includes(student.plan) && !(student.plan === 'draft_no_choices' && index % 5 === 2);
    let cvFileId: string | null = null;
    if (hasCv) {
      cvFileId = randomUUID();
      const startYear = entryYear;
      const thisYear = Number(today.slice(0, 4));
      const experiences = [
        { ...own, dates: `${['January', 'June', 'October'][index % 3]} ${thisYear - 1} - present` },
        { ...general, dates: `September ${thisYear - 2} - June ${thisYear - 1}` },
        ...(index % 3 === 0 ? [] : [{ ...job, dates: `Summer ${thisYear - 1}` }]),
      ];
      const spoken = languages.map((l, i) => `${languageLabel(l.language)} (${i === 0 ? 'native' : `CEFR ${l.level}`})`);
      const bytes = await cvPdf({
        name: student.name,
        email,
        phone,
        course: course.name,
        university: universityName,
        studyYears: student.graduated ? `${startYear} - ${expectedGraduation.slice(0, 4)}, graduated ${expectedGraduation.slice(0, 7)}` : `${startYear} - ${expectedGraduation.slice(0, 4)} (expected), currently in year ${student.year}`,
        school: course.level === 'PG' ? `BA (Hons) Social Sciences, ${pick(rand, ['University of Northfield', 'Kingsmere University', 'Westbrook College'])}, 2:1` : `A levels: ${pick(rand, ['History A*, Politics A, Geography A', 'Mathematics A*, Further Mathematics A, Economics A', 'English Literature A, Sociology A, Spanish B', 'Biology A, Chemistry A, Psychology B'])}`,
        experiences,
        languages: spoken,
        skills: skillsOf[area],
        interests: `${interests[index % interests.length] ?? ''}; ${(interests[(index + 3) % interests.length] ?? '').toLowerCase()}.`,
        profile: `${course.level === 'PG' ? 'Postgraduate' : 'Undergraduate'} student of ${subjectOf(course.name)} with a strong interest in migration, displacement and humanitarian work. Reliable, organised and used to working with people from many backgrounds.`,
      });
      pdfs.push({ fileId: cvFileId, bytes, name: `CV-${student.name.replace(/[^A-Za-z]+/g, '-')}.pdf`, createdAt: new Date(started.getTime() + 30 * 60_000), createdBy: userId });
    }

    // statement, choices, answers, funding
    const first = chosen[0];
    const statement =
      student.plan === 'draft_empty'
        ? ''
        : personalStatement(index, {
            course: subjectOf(course.name),
            post: first?.title ?? '',
            city: first?.city ?? '',
            experience: own.phrase,
            language: languages.filter((l) => l.language !== 'en').map((l) => languageLabel(l.language))[student.languages.startsWith('en:') ? 0 : 1] ?? '',
          });
    const choiceRows = chosen.map((post, i) => ({ applicationId, rank: i + 1, postId: post.id, motivation: (index + i) % 3 === 2 ? '' : choiceMotivation(index + i, post.title, post.city) }));
    rows.choices.push(...choiceRows);

    const submittedOnce = EVER_SUBMITTED.includes(student.plan);
    const answers = new Map<string, string>();
    if (student.plan !== 'draft_empty' && student.plan !== 'draft_unanswered') {
      for (const q of questions) {
        if (q.kind === 'declaration') {
          if (submittedOnce || rand() < 0.5) answers.set(q.id, AGREED);
        } else if (q.kind === 'single_choice') {
          if (submittedOnce || q.required || rand() < 0.7) answers.set(q.id, weighted(rand, q.options.map((o, i) => [o, i === 0 ? 4 : i === 1 ? 3 : 2] as [string, number])));
        } else if (q.kind === 'yes_no') {
          if (submittedOnce || rand() < 0.7) answers.set(q.id, rand() < 0.6 ? 'yes' : 'no');
        } else if (q.kind === 'long_text' || q.kind === 'short_text') {
          if (student.accessNeeds) answers.set(q.id, student.accessNeeds);
          else if (q.required) answers.set(q.id, 'Nothing to add.');
        }
      }
    }
    for (const [questionId, value] of answers) rows.answers.push({ applicationId, questionId, value });
    if (student.plan !== 'draft_empty' && student.plan !== 'draft_unanswered') {
      const funding = fundingAnswers(rand, student);
      // a draft has answered some of the funding questions, or none
      if (!submittedOnce && student.plan !== 'withdrawn_draft') for (const q of fundingQuestions.slice(index % 4 === 0 ? 0 : 3)) delete funding[q.key];
      rows.funding.push({ applicationId, answers: funding, updatedAt: last });
    }

    // submissions: a resubmitted application first went with its first choice only and a shorter statement
    const snapshotOf = (list: typeof choiceRows, text: string): SubmissionSnapshot => ({
      statement: text,
      choices: list.map((c) => ({ rank: c.rank, postId: c.postId, title: chosen[c.rank - 1]?.title ?? '', motivation: c.motivation })),
      answers: questions.filter((q) => answers.has(q.id)).map((q) => ({ questionId: q.id, prompt: q.prompt, value: answers.get(q.id) ?? '' })),
      cvFileId,
    });
    let submittedAt: Date | null = null;
    if (submittedOnce) {
      if (!cvFileId) throw new Error('A submitted demo application needs a CV');
      const submittedTimes = steps.filter((s) => s.kind === 'submitted').map((s) => at(s.frac));
      for (const [i, time] of submittedTimes.entries()) {
        const earlier = i < submittedTimes.length - 1;
        const shorter = statement.split('\n\n').slice(0, -1).join('\n\n');
        rows.submissions.push({ applicationId, submittedAt: time, snapshot: earlier ? snapshotOf(choiceRows.slice(0, 1), shorter) : snapshotOf(choiceRows, statement) });
        submittedAt = time;
      }
    }
    if (student.override && overridden) {
      const post = postByTitle.get(overridden);
      if (post) rows.overrides.push({ applicationId, postId: post.id, eligible: true, reason: student.override.reason, decidedBy: staffUserId, decidedAt: new Date((timeOf('saved', 0).getTime() + timeOf('saved', 1).getTime()) / 2) });
    }
    // a submitted choice is eligible, unless the programme team decided otherwise
    if (submittedOnce) {
      for (const post of chosen) if (post.title !== overridden && !eligible(post.title)) throw new Error(`Demo student ${student.name} submitted an ineligible choice`);
    }

    const status = statusOf(student.plan);
    rows.applications.push({
      id: applicationId,
      roundId,
      studentId: userId,
      status,
      statement,
      submittedAt,
      withdrawnAt: status === 'withdrawn' ? timeOf('withdrawn') : null,
      withdrawReason: status === 'withdrawn' ? (student.withdrawReason ?? null) : null,
      cvFileId,
      createdAt: started,
      updatedAt: last,
    });

    // equality answers, asked after submission: every submitted student and two of the reopened ones
    const answersEquality = status === 'submitted' || (student.plan === 'reopened' && index % 2 === 0);
    if (answersEquality) rows.equality.push({ pseudonym: pseudonym(userId, roundId), roundId, answers: equalityAnswers(rand, student, course.level, student.graduated !== undefined) });
  }

  // the CVs' bytes first, then every row in one transaction; the bytes go again if it fails
  const keys: string[] = [];
  try {
    for (const pdf of pdfs) {
      const key = await fileStore.put(Readable.from([Buffer.from(pdf.bytes)]));
      keys.push(key);
      rows.files.push({ id: pdf.fileId, storageKey: key, originalName: pdf.name, contentType: 'application/pdf', sizeBytes: pdf.bytes.length, sha256: createHash('sha256').update(pdf.bytes).digest('hex'), createdAt: pdf.createdAt, createdBy: pdf.createdBy });
    }
    await db.transaction(async (tx) => {
      if (rows.users.length === 0) return;
      await tx.insert(users).values(rows.users);
      await tx.insert(studentProfiles).values(rows.profiles);
      if (rows.files.length > 0) await tx.insert(storedFiles).values(rows.files);
      await tx.insert(applications).values(rows.applications);
      if (rows.choices.length > 0) await tx.insert(applicationChoices).values(rows.choices);
      if (rows.answers.length > 0) await tx.insert(applicationAnswers).values(rows.answers);
      if (rows.funding.length > 0) await tx.insert(applicationFunding).values(rows.funding);
      await tx.insert(applicationEvents).values(rows.events);
      if (rows.submissions.length > 0) await tx.insert(applicationSubmissions).values(rows.submissions);
      if (rows.overrides.length > 0) await tx.insert(eligibilityOverrides).values(rows.overrides);
      if (rows.equality.length > 0) await tx.insert(equalityResponses).values(rows.equality);
    });
  } catch (error) {
    for (const key of keys) await fileStore.delete(key);
    throw error;
  }
  return { students: rows.users.length, applications: rows.applications.length, cvs: rows.files.length };
}
