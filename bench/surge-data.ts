// The deadline surge's data: a round open now with 50 published posts and three questions of its
// own, and N students, each with a profile that makes them eligible for every post, a draft
// application already started and a live session (the raw cookie values stay in this process, like
// the browsers' cookies). Rows are inserted directly: none of this is measured.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Db } from '../src/db/client.ts';
import { sessions, users } from '../src/modules/accounts/accounts.tables.ts';
import { agreements } from '../src/modules/agreements/agreements.tables.ts';
import { applicationEvents, applications } from '../src/modules/applications/applications.tables.ts';
import { offices, organisations } from '../src/modules/partners/partners.tables.ts';
import { posts } from '../src/modules/posts/posts.tables.ts';
import { roundQuestions } from '../src/modules/rounds/round-questions.tables.ts';
import { rounds } from '../src/modules/rounds/rounds.tables.ts';
import { studentProfiles } from '../src/modules/students/students.tables.ts';
import { seededRandom } from './people.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH_SIZE = 500;
export const SURGE_POSTS = 50;
// the choices each student ranks (the round allows three)
export const SURGE_CHOICES = 3;

const POST_DESCRIPTION = [
  'The programme team supports partner organisations across the region with the design, monitoring and reporting of projects on livelihoods, education and protection.',
  'As an intern you will join a small team in the country office and work alongside programme officers on the day-to-day running of two or three projects.',
  'You will help to collect and check monitoring data, draft short reports and briefing notes for partners and donors, and prepare materials for meetings and workshops.',
  'There will be opportunities to join field visits with colleagues, to take part in consultations with communities and local authorities, and to present your own piece of analysis to the team at the end of the placement.',
  'The office works in English and French; some Swahili is useful but not required. You will have a named supervisor, a weekly check-in and an induction in the first fortnight.',
].join(' ');
const POST_DUTIES = [
  'Collect, clean and check monitoring data from project sites',
  'Draft short reports, briefing notes and updates for partners and donors',
  'Prepare materials for meetings, trainings and workshops, and take notes',
  'Join field visits and consultations with the programme team',
  'Keep project files, contact lists and trackers up to date',
].join('\n');

export interface SurgeQuestion {
  id: string;
  field: string;
  value: string;
}

export interface SurgeStudent {
  index: number;
  userId: string;
  applicationId: string;
  // the session cookie's value and the form's CSRF token derived from it
  sessionCookie: string;
  csrf: string;
}

export interface SurgeDataset {
  roundId: string;
  postIds: string[];
  questions: SurgeQuestion[];
  students: SurgeStudent[];
}

// the server reads DATA_DIR/secret outside production: the bench writes it first, so it can derive
// the CSRF tokens the pages would carry (HMAC(secret, "session:" + SHA-256 of the cookie), docs/decisions/0002)
export function writeSecret(dataDir: string): string {
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path.join(dataDir, 'secret'), secret, { mode: 0o600 });
  return secret;
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += BATCH_SIZE) out.push(rows.slice(start, start + BATCH_SIZE));
  return out;
}

export async function insertSurgeDataset(db: Db, count: number, secret: string, now: Date): Promise<SurgeDataset> {
  const id = () => crypto.randomUUID();
  const universityId = id();
  const partnerId = id();
  const agreementId = id();
  const officeId = id();
  const roundId = id();
  const opens = new Date(now.getTime() - 10 * DAY_MS);
  const closes = new Date(now.getTime() + 2 * DAY_MS);
  const day = (offsetDays: number) => new Date(closes.getTime() + offsetDays * DAY_MS).toISOString().slice(0, 10);
  const postIds = Array.from({ length: SURGE_POSTS }, id);
  const questionRows: (typeof roundQuestions.$inferInsert)[] = [
    { id: id(), roundId, position: 1, kind: 'short_text', prompt: 'Which module of your course is closest to this work?', required: true, createdAt: now, updatedAt: now },
    { id: id(), roundId, position: 2, kind: 'yes_no', prompt: 'Have you lived abroad before?', required: true, createdAt: now, updatedAt: now },
    { id: id(), roundId, position: 1, kind: 'declaration', prompt: 'I confirm that the information I have given is true and complete.', required: true, createdAt: now, updatedAt: now },
  ];
  const answerOf: Record<string, string> = { short_text: 'Development economics', yes_no: 'no', declaration: 'agreed' };
  const questions = questionRows.map((q) => ({ id: q.id ?? '', field: `answer_${q.id ?? ''}`, value: answerOf[q.kind] ?? '' }));

  const students: SurgeStudent[] = Array.from({ length: count }, (_, index) => {
    const sessionCookie = randomBytes(32).toString('base64url');
    const idHash = createHash('sha256').update(sessionCookie).digest('hex');
    return { index, userId: id(), applicationId: id(), sessionCookie, csrf: createHmac('sha256', secret).update(`session:${idHash}`).digest('base64url') };
  });

  await db.transaction(async (tx) => {
    await tx.insert(organisations).values([
      { id: universityId, kind: 'university', name: 'Surge University', shortName: 'Surge', createdAt: now, updatedAt: now },
      { id: partnerId, kind: 'partner', name: 'Surge Partner Organisation', shortName: 'SPO', createdAt: now, updatedAt: now },
    ]);
    await tx.insert(offices).values({ id: officeId, organisationId: partnerId, name: 'SPO Nairobi', servesCountry: 'KE', city: 'Nairobi', country: 'KE', latitude: -1.28333, longitude: 36.81667, timeZone: 'Africa/Nairobi', createdAt: now, updatedAt: now });
    await tx.insert(agreements).values({ id: agreementId, institutionId: universityId, partnerId, title: 'Internship agreement', validFrom: '2022-01-01', validTo: '2035-12-31', quotaPerRound: 100, createdAt: now, updatedAt: now });
    await tx.insert(rounds).values({
      id: roundId,
      agreementId,
      name: 'Deadline surge round',
      timeZone: 'Europe/London',
      postsDueAt: new Date(opens.getTime() - 10 * DAY_MS),
      applicationsOpenAt: opens,
      applicationsCloseAt: closes,
      reviewUntil: day(14),
      interviewsUntil: day(28),
      offersBy: day(42),
      preDepartureFrom: day(60),
      placementsFrom: day(120),
      placementsTo: day(400),
      maxChoices: SURGE_CHOICES,
      statementWordLimit: 500,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(posts).values(
      postIds.map((postId, i) => ({
        id: postId,
        roundId,
        organisationId: partnerId,
        officeId,
        title: `Programme assistant ${i + 1}`,
        // as long as a partner's real post: every submission reads the round's posts
        description: POST_DESCRIPTION,
        duties: POST_DUTIES,
        requiredQualifications: 'Studying for a degree in development, economics, geography, politics or a related subject. Good written English.',
        desirableQualifications: 'French or Swahili. Experience of volunteering or community work. Some experience of analysing data in a spreadsheet or in R.',
        durationMonths: 6,
        earliestStart: '2027-09-01',
        latestStart: '2027-10-01',
        places: 2,
        levels: ['UG' as const, 'PG' as const],
        courses: [],
        sdgs: [1, 10],
        workingPattern: 'on_site' as const,
        status: 'published' as const,
        createdAt: now,
        updatedAt: now,
        publishedAt: now,
      })),
    );
    await tx.insert(roundQuestions).values(questionRows);
    const expiresAt = new Date(now.getTime() + 12 * 60 * 60 * 1000);
    for (const batch of chunks(students)) {
      await tx.insert(users).values(
        batch.map((s) => ({ id: s.userId, email: `surge.student${s.index + 1}@students.example.ac.uk`, name: `Surge Student ${s.index + 1}`, roles: ['student' as const], emailVerifiedAt: now, createdAt: now, updatedAt: now })),
      );
      await tx.insert(studentProfiles).values(
        batch.map((s) => ({ userId: s.userId, studentNumber: `S${String(s.index + 1).padStart(7, '0')}`, studyLevel: 'UG' as const, course: 'International Development', yearOfStudy: 2, expectedGraduation: '2029-06-30', updatedAt: now })),
      );
      await tx.insert(sessions).values(
        batch.map((s) => ({ idHash: createHash('sha256').update(s.sessionCookie).digest('hex'), userId: s.userId, createdAt: now, lastSeenAt: now, expiresAt, idleSeconds: 2 * 60 * 60, ip: '127.0.0.1', userAgent: 'outbound-bench-surge' })),
      );
      await tx.insert(applications).values(batch.map((s) => ({ id: s.applicationId, roundId, studentId: s.userId, status: 'draft' as const, createdAt: now, updatedAt: now })));
      await tx.insert(applicationEvents).values(batch.map((s) => ({ applicationId: s.applicationId, at: now, kind: 'started' as const })));
    }
  });
  return { roundId, postIds, questions, students };
}

// ---------------------------------------------------------------------------------------------
// The CV: one real PDF of about 200 KB, a page of text and a photo (random pixels, so that it does
// not compress), made with pdf-lib like the PDFs the server checks.

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function noisePng(width: number, height: number, seed: number): Buffer {
  const random = seededRandom(seed);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 1; x <= width * 3; x++) raw[row + x] = Math.floor(random() * 256);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

export async function buildCvPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Curriculum vitae');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([595, 842]);
  page.drawText('Curriculum vitae', { x: 50, y: 790, size: 20, font: bold });
  const photo = await doc.embedPng(noisePng(256, 256, 20261128));
  page.drawImage(photo, { x: 445, y: 700, width: 100, height: 100 });
  const lines = [
    'Education',
    'BA International Development, second year (expected graduation 2029)',
    'A levels: Geography, Economics, French',
    '',
    'Experience',
    'Volunteer, community food bank (2024 to date): stock, rotas, outreach to new volunteers',
    'Student ambassador (2025): open days, campus tours, answering questions from families',
    'Summer research assistant (2025): literature review on cash transfers in East Africa',
    '',
    'Languages',
    'English (native), French (B2), Swahili (A2)',
    '',
    'Skills',
    'Data analysis in R and spreadsheets; report writing; presenting to groups of 50',
  ];
  let y = 660;
  for (const line of lines) {
    if (line !== '') page.drawText(line, { x: 50, y, size: line.length < 12 ? 13 : 10, font: line.length < 12 ? bold : font });
    y -= 18;
  }
  return doc.save();
}
