import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, isNotNull } from 'drizzle-orm';
import { TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createOffice, createOrganisation, createPost, createRound, signInWithOrganisation, type Organisation, type Post } from '../../../test/helpers/catalogue-factories.ts';
import { createUser, signInAs, TEST_PASSWORD } from '../../../test/helpers/factories.ts';
import { createApplicant, type Applicant } from '../../../test/helpers/shortlist-factories.ts';
import { startSmtpServer, type ReceivedMail } from '../../../test/helpers/smtp.ts';
import { HOUR } from '../../../test/helpers/test-clock.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { users } from '../accounts/accounts.tables.ts';
import { invitationIcs, invitationUid, parseMailbox } from './interview-invitations.ts';
import { parseScoreForm, parseSlotForm } from './interviews.input.ts';
import { interviewPanel, interviewScores, interviewSlots, rubricCriteria, shortlistDecisions, shortlistEntries } from './selection.tables.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let org: Organisation;
let post: Post;
let unfixedPost: Post;
let ada: Applicant;
let bob: Applicant;
let cara: Applicant;
let nora: Applicant;
let adaAgent: TestAgent;
let bobAgent: TestAgent;
let caraAgent: TestAgent;
let noraAgent: TestAgent;
let partner: TestAgent;
let partnerId: string;
let reviewer: TestAgent;
let reviewerId: string;
let outsider: TestAgent;
let criteria: { id: string; name: string }[];
let partnerUser: { email: string };
let reviewerUser: { email: string };
let outsiderUser: { email: string };

// sessions end when idle: after moving the clock, everyone signs in again
async function travel(to: Date) {
  t.clock.set(to);
  adaAgent = await signIn(ada.user);
  bobAgent = await signIn(bob.user);
  partner = await signIn(partnerUser);
  reviewer = await signIn(reviewerUser);
  outsider = await signIn(outsiderUser);
}

const START = new Date('2026-03-02T09:00:00Z');

async function signIn(user: { email: string }): Promise<TestAgent> {
  const agent = new TestAgent(t.app);
  const response = await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
  assert.equal(response.statusCode, 303, 'signed in');
  return agent;
}

async function shortlist(postId: string, applicants: Applicant[], fixed: boolean) {
  const db = t.database.db;
  await db.insert(shortlistEntries).values(applicants.map((a) => ({ postId, applicationId: a.applicationId, addedBy: partnerId, addedAt: START })));
  if (fixed) await db.insert(shortlistDecisions).values({ postId, fixedBy: partnerId, fixedAt: START });
}

async function slotsOf(postId: string) {
  return t.database.db.select().from(interviewSlots).where(eq(interviewSlots.postId, postId)).orderBy(interviewSlots.startsAt);
}

// adds a slot through the partner's form; returns its id
async function addSlot(fields: Partial<Record<string, string | string[]>> = {}): Promise<string> {
  const before = new Set((await slotsOf(post.id)).map((s) => s.id));
  const response = await partner.post(`/posts/${post.id}/interviews`, { date: '2026-03-10', time: '09:00', minutes: '45', kind: 'video', videoLink: 'https://meet.example.org/room-1', panel: [partnerId, reviewerId], ...fields } as Record<string, string | string[]>);
  assert.equal(response.statusCode, 303, textOf(response.body).slice(0, 400));
  const created = (await slotsOf(post.id)).find((s) => !before.has(s.id));
  assert.ok(created, 'slot stored');
  return created.id;
}

async function clearSlots() {
  await t.database.db.delete(interviewSlots).where(eq(interviewSlots.postId, post.id));
}

async function audits(action: string) {
  return t.database.db.select().from(auditEvents).where(eq(auditEvents.action, action));
}

// the text/calendar part of a received message, decoded
function calendarPart(mail: ReceivedMail): string {
  const match = /content-type:\s*text\/calendar[^\r\n]*(?:\r\n[ \t][^\r\n]*)*((?:\r\n[^\r\n]+)*)\r\n\r\n([\s\S]*?)\r\n--/i.exec(mail.raw);
  assert.ok(match, 'a text/calendar part');
  const headers = match[1] ?? '';
  const body = match[2] ?? '';
  if (/content-transfer-encoding:\s*base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return body;
}

before(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({ config: { smtpUrl: smtp.url } });
  const db = t.database.db;
  const now = t.clock.now();
  org = await createOrganisation(db, { name: 'Interview Partner', now });
  const otherOrg = await createOrganisation(db, { name: 'Other Partner', now });
  const office = await createOffice(db, org, { city: 'New Delhi', country: 'IN', latitude: 28.6, longitude: 77.2, timeZone: 'Asia/Kolkata', now });
  const round = await createRound(db, org, now, { name: 'Interview round', opensInDays: -40, closesInDays: -3 });
  post = await createPost(db, { round, office }, { title: 'Climate data intern', createdAt: now });
  unfixedPost = await createPost(db, { round, office }, { title: 'Unfixed intern', createdAt: now });
  const rows = await db
    .insert(rubricCriteria)
    .values([
      { roundId: round.id, position: 1, name: 'Motivation', weight: 3, descriptors: ['1', '2', '3', '4', '5'], createdAt: now, updatedAt: now },
      { roundId: round.id, position: 2, name: 'Languages', weight: 1, descriptors: ['1', '2', '3', '4', '5'], createdAt: now, updatedAt: now },
    ])
    .returning();
  criteria = rows.map((r) => ({ id: r.id, name: r.name }));

  const signedPartner = await signInWithOrganisation(t, 'partner_admin', org);
  partner = signedPartner.agent;
  partnerId = signedPartner.user.id;
  partnerUser = signedPartner.user;
  const signedReviewer = await signInWithOrganisation(t, 'partner_reviewer', org);
  reviewer = signedReviewer.agent;
  reviewerId = signedReviewer.user.id;
  reviewerUser = signedReviewer.user;
  const signedOutsider = await signInWithOrganisation(t, 'partner_admin', otherOrg);
  outsider = signedOutsider.agent;
  outsiderUser = signedOutsider.user;

  ada = await createApplicant(db, { round, posts: [post, unfixedPost], name: 'Ada Lovelace', now });
  bob = await createApplicant(db, { round, posts: [post], name: 'Bob Marley', now });
  cara = await createApplicant(db, { round, posts: [post], name: 'Cara Notlisted', now });
  nora = await createApplicant(db, { round, posts: [unfixedPost], name: 'Nora Unfixed', now });
  await shortlist(post.id, [ada, bob], true);
  await shortlist(unfixedPost.id, [ada, nora], false);
  adaAgent = await signIn(ada.user);
  bobAgent = await signIn(bob.user);
  caraAgent = await signIn(cara.user);
  noraAgent = await signIn(nora.user);
});

after(async () => {
  await t.close();
  await smtp.close();
});

describe('slot times (pure)', () => {
  test('every problem at once: no kind chosen, no link, no panel', () => {
    const form = parseSlotForm({ date: '2026-03-10', time: '9am', minutes: '30' }, 'Asia/Kolkata', START);
    assert.ok(!form.ok);
    assert.deepEqual(Object.keys(form.errors).sort(), ['kind', 'panel', 'time']);
    const video = parseSlotForm({ date: '2026-03-10', time: '09:00', minutes: '5', kind: 'video' }, 'Asia/Kolkata', START);
    assert.ok(!video.ok);
    assert.deepEqual(Object.keys(video.errors).sort(), ['minutes', 'panel', 'videoLink']);
  });

  test('a time entered in the office’s zone is stored in UTC, across daylight-saving changes', () => {
    const now = START;
    const kolkata = parseSlotForm({ date: '2026-03-10', time: '09:00', minutes: '30', kind: 'in_person', place: 'Room 4', panel: '00000000-0000-4000-8000-000000000001' }, 'Asia/Kolkata', now);
    assert.ok(kolkata.ok);
    assert.equal(kolkata.data.startsAt.toISOString(), '2026-03-10T03:30:00.000Z');
    // Berlin is UTC+1 before 29 March 2026 and UTC+2 after
    const winter = parseSlotForm({ date: '2026-03-27', time: '09:00', minutes: '30', kind: 'in_person', place: 'Room 4', panel: '00000000-0000-4000-8000-000000000001' }, 'Europe/Berlin', now);
    const summer = parseSlotForm({ date: '2026-03-30', time: '09:00', minutes: '30', kind: 'in_person', place: 'Room 4', panel: '00000000-0000-4000-8000-000000000001' }, 'Europe/Berlin', now);
    assert.ok(winter.ok && summer.ok);
    assert.equal(winter.data.startsAt.toISOString(), '2026-03-27T08:00:00.000Z');
    assert.equal(summer.data.startsAt.toISOString(), '2026-03-30T07:00:00.000Z');
    // 02:30 on 29 March does not exist in Berlin (clocks go from 02:00 to 03:00)
    const gap = parseSlotForm({ date: '2026-03-29', time: '02:30', minutes: '30', kind: 'in_person', place: 'Room 4', panel: '00000000-0000-4000-8000-000000000001' }, 'Europe/Berlin', now);
    assert.ok(!gap.ok);
    assert.match(gap.errors.time ?? '', /does not exist in Europe\/Berlin/);
  });

  test('bad slot input is refused field by field', () => {
    const result = parseSlotForm({ date: '2026-02-30', time: '9am', minutes: '10', kind: 'video', videoLink: 'http://insecure.example.org' }, 'Asia/Kolkata', START);
    assert.ok(!result.ok);
    assert.match(result.errors.time ?? '', /24-hour/);
    assert.match(result.errors.minutes ?? '', /15 or more/);
    assert.match(result.errors.videoLink ?? '', /https:\/\//);
    assert.match(result.errors.panel ?? '', /at least one/);
    const past = parseSlotForm({ date: '2026-03-01', time: '09:00', minutes: '30', kind: 'in_person', place: 'Room', panel: '00000000-0000-4000-8000-000000000001' }, 'Asia/Kolkata', START);
    assert.ok(!past.ok);
    assert.match(past.errors.date ?? '', /future/);
    const noPlace = parseSlotForm({ date: '2026-03-10', time: '09:00', minutes: '241', kind: 'in_person', place: '', panel: '00000000-0000-4000-8000-000000000001' }, 'Asia/Kolkata', START);
    assert.ok(!noPlace.ok);
    assert.match(noPlace.errors.place ?? '', /place/);
    assert.match(noPlace.errors.minutes ?? '', /240 or fewer/);
  });

  test('score sheets: every criterion 1–5 to submit; a draft may leave some out', () => {
    const crit = [
      { id: 'a', name: 'Motivation' },
      { id: 'b', name: 'Languages' },
    ];
    const missing = parseScoreForm({ intent: 'submit', score_a: '4' }, crit);
    assert.ok(!missing.ok);
    assert.match(missing.errors.score_b ?? '', /Choose a score for Languages/);
    const outside = parseScoreForm({ intent: 'save', score_a: '6' }, crit);
    assert.ok(!outside.ok);
    assert.match(outside.errors.score_a ?? '', /1 to 5/);
    const draft = parseScoreForm({ intent: 'save', score_a: '4' }, crit);
    assert.ok(draft.ok);
    assert.deepEqual(draft.data.scores, { a: 4 });
  });
});

describe('the calendar invitation (pure)', () => {
  test('REQUEST and CANCEL carry a stable UID, the sequence, UTC times and the office zone', () => {
    const base = {
      slotId: 's1',
      applicationId: 'a1',
      startsAt: new Date('2026-03-10T03:30:00Z'),
      minutes: 45,
      officeTimeZone: 'Asia/Kolkata',
      summary: 'Interview',
      description: 'When: 10 March',
      location: 'https://meet.example.org/x',
      organiser: 'Outbound <outbound@example.ac.uk>',
      attendee: { name: 'Ada Lovelace', email: 'ada@students.example.ac.uk' },
      stamp: START,
      domain: 'outbound.test',
    };
    const request = invitationIcs({ ...base, method: 'REQUEST', sequence: 1 });
    const cancel = invitationIcs({ ...base, method: 'CANCEL', sequence: 2 });
    assert.match(request, /METHOD:REQUEST/);
    assert.match(request, /DTSTART:20260310T033000Z/);
    assert.match(request, /DTEND:20260310T041500Z/);
    assert.match(request, /SEQUENCE:1/);
    assert.match(request, /X-WR-TIMEZONE:Asia\/Kolkata/);
    assert.match(request, /ORGANIZER;CN="Outbound":mailto:outbound@example.ac.uk/);
    assert.match(cancel, /METHOD:CANCEL/);
    assert.match(cancel, /SEQUENCE:2/);
    assert.match(cancel, /STATUS:CANCELLED/);
    const uid = invitationUid('s1', 'a1', 'outbound.test');
    assert.ok(request.includes(`UID:${uid}`) && cancel.includes(`UID:${uid}`), 'the same UID');
    assert.deepEqual(parseMailbox('Outbound <outbound@example.ac.uk>'), { name: 'Outbound', email: 'outbound@example.ac.uk' });
  });
});

describe('interview slots (partner)', () => {
  test('access: another organisation’s partner 404, a reviewer 403, staff read without forms', async () => {
    assert.equal((await outsider.get(`/posts/${post.id}/interviews`)).statusCode, 404);
    const other = await outsider.post(`/posts/${post.id}/interviews`, { date: '2026-03-10', time: '09:00', minutes: '45', kind: 'in_person', place: 'Room', panel: partnerId });
    assert.equal(other.statusCode, 404);
    assert.equal((await reviewer.get(`/posts/${post.id}/interviews`)).statusCode, 403);
    const staff = (await signInAs(t, 'staff')).agent;
    const page = await staff.get(`/posts/${post.id}/interviews`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('Add an interview slot'), 'staff only read');
    assert.equal((await staff.post(`/posts/${post.id}/interviews`, { date: '2026-03-10' })).statusCode, 403);
    assert.equal(await slotsOf(post.id).then((s) => s.length), 0);
  });

  test('a slot entered as 09:00 in Asia/Kolkata is stored as 03:30 UTC and listed with its panel', async () => {
    const id = await addSlot();
    const [slot] = await slotsOf(post.id);
    assert.equal(slot?.id, id);
    assert.equal(slot?.startsAt.toISOString(), '2026-03-10T03:30:00.000Z');
    assert.equal(slot?.kind, 'video');
    assert.equal(slot?.location, 'https://meet.example.org/room-1');
    const panel = await t.database.db.select().from(interviewPanel).where(eq(interviewPanel.slotId, id));
    assert.deepEqual(panel.map((p) => p.memberId).sort(), [partnerId, reviewerId].sort());
    const page = await partner.get(`/posts/${post.id}/interviews`);
    assert.match(textOf(page.body), /10 March 2026 at 09:00 GMT\+5:30/);
    assert.match(textOf(page.body), /Free/);
    assert.equal((await audits('selection.interview_slot_created')).filter((a) => a.subjectId === id).length, 1);
    await clearSlots();
  });

  test('bad input re-renders the form with what was typed; a panel member of another organisation is refused', async () => {
    const missing = await partner.post(`/posts/${post.id}/interviews`, { date: '2026-03-11', time: '10:15', minutes: '45', kind: 'video', videoLink: 'meet.example.org/x', panel: partnerId });
    assert.equal(missing.statusCode, 400);
    assert.match(textOf(missing.body), /The video link must be a full address starting with https:\/\//);
    assert.match(missing.body, /value="10:15"/);
    assert.match(missing.body, /value="meet.example.org\/x"/);
    assert.match(missing.body, new RegExp(`value="${partnerId}" checked`));
    const stranger = await createUser(t.database.db, { role: 'partner_reviewer' });
    const foreign = await partner.post(`/posts/${post.id}/interviews`, { date: '2026-03-11', time: '10:15', minutes: '45', kind: 'in_person', place: 'Room 2', panel: stranger.id });
    assert.equal(foreign.statusCode, 400);
    assert.match(textOf(foreign.body), /Choose panel members from the list/);
    assert.equal((await slotsOf(post.id)).length, 0, 'nothing stored');
  });

  test('a free slot can be changed and deleted', async () => {
    const id = await addSlot({ kind: 'in_person', place: 'Room 1', videoLink: '' });
    const form = await partner.get(`/posts/${post.id}/interviews/${id}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="2026-03-10"/);
    assert.match(form.body, /value="09:00"/);
    const changed = await partner.post(`/posts/${post.id}/interviews/${id}`, { date: '2026-03-12', time: '14:00', minutes: '60', kind: 'in_person', place: 'Room 9', panel: reviewerId });
    assert.equal(changed.statusCode, 303);
    const [slot] = await slotsOf(post.id);
    assert.equal(slot?.startsAt.toISOString(), '2026-03-12T08:30:00.000Z');
    assert.equal(slot?.location, 'Room 9');
    const panel = await t.database.db.select().from(interviewPanel).where(eq(interviewPanel.slotId, id));
    assert.deepEqual(
      panel.map((p) => p.memberId),
      [reviewerId],
    );
    assert.equal((await outsider.post(`/posts/${post.id}/interviews/${id}/delete`, {})).statusCode, 404);
    assert.equal((await partner.post(`/posts/${post.id}/interviews/${id}/delete`, {})).statusCode, 303);
    assert.equal((await slotsOf(post.id)).length, 0);
    assert.equal((await audits('selection.interview_slot_deleted')).filter((a) => a.subjectId === id).length, 1);
  });
});

describe('panel clashes (partner)', () => {
  const otherPostSlots = () => slotsOf(unfixedPost.id);
  const clearOther = () => t.database.db.delete(interviewSlots).where(eq(interviewSlots.postId, unfixedPost.id));
  const nameOf = async (id: string) => (await t.database.db.select({ name: users.name }).from(users).where(eq(users.id, id)))[0]?.name ?? '';

  test('a panel member cannot sit on two interviews at once, of this post or another; back to back is fine', async () => {
    // 09:00–09:45 New Delhi, the partner admin and the reviewer
    await addSlot();
    const clash = await partner.post(`/posts/${unfixedPost.id}/interviews`, { date: '2026-03-10', time: '09:30', minutes: '30', kind: 'in_person', place: 'Room 4', panel: partnerId });
    assert.equal(clash.statusCode, 400);
    const text = textOf(clash.body);
    assert.ok(text.includes(`${await nameOf(partnerId)} is already on the panel of an interview for Climate data intern at 10 March 2026 at 09:00`), text.slice(0, 2000));
    assert.match(text, /Choose another time or another panel member/);
    assert.match(clash.body, /value="09:30"/);
    assert.match(clash.body, /value="Room 4"/);
    assert.match(clash.body, new RegExp(`value="${partnerId}" checked`));
    assert.equal((await otherPostSlots()).length, 0, 'nothing stored');

    // starting as the other ends, or with someone not on the other panel
    const backToBack = await partner.post(`/posts/${unfixedPost.id}/interviews`, { date: '2026-03-10', time: '09:45', minutes: '30', kind: 'in_person', place: 'Room 4', panel: partnerId });
    assert.equal(backToBack.statusCode, 303);
    const overlapsBoth = await partner.post(`/posts/${post.id}/interviews`, { date: '2026-03-10', time: '08:30', minutes: '90', kind: 'in_person', place: 'Room 5', panel: [partnerId, reviewerId] });
    assert.equal(overlapsBoth.statusCode, 400);
    assert.match(textOf(overlapsBoth.body), /and there (is 1 other clash|are 2 other clashes)/);
    await clearSlots();
    await clearOther();
  });

  test('changing a slot is checked too, against every slot but itself', async () => {
    const first = await addSlot({ panel: reviewerId });
    const second = await addSlot({ date: '2026-03-10', time: '11:00', panel: reviewerId });
    const moved = await partner.post(`/posts/${post.id}/interviews/${second}`, { date: '2026-03-10', time: '09:15', minutes: '45', kind: 'in_person', place: 'Room 6', panel: reviewerId });
    assert.equal(moved.statusCode, 400);
    assert.match(textOf(moved.body), /already on the panel of an interview for Climate data intern/);
    const [stillSecond] = (await slotsOf(post.id)).filter((s) => s.id === second);
    assert.equal(stillSecond?.startsAt.toISOString(), '2026-03-10T05:30:00.000Z', 'unchanged');
    const same = await partner.post(`/posts/${post.id}/interviews/${first}`, { date: '2026-03-10', time: '09:00', minutes: '60', kind: 'in_person', place: 'Room 7', panel: reviewerId });
    assert.equal(same.statusCode, 303);
    await clearSlots();
  });

  test('two overlapping slots for one member sent at once: one is stored', async () => {
    const [a, b] = await Promise.all([
      partner.post(`/posts/${post.id}/interviews`, { date: '2026-03-16', time: '10:00', minutes: '60', kind: 'in_person', place: 'Room A', panel: partnerId }),
      partner.post(`/posts/${unfixedPost.id}/interviews`, { date: '2026-03-16', time: '10:30', minutes: '60', kind: 'in_person', place: 'Room B', panel: partnerId }),
    ]);
    assert.deepEqual([a?.statusCode, b?.statusCode].sort(), [303, 400]);
    assert.equal((await slotsOf(post.id)).length + (await otherPostSlots()).length, 1);
    await clearSlots();
    await clearOther();
  });
});

describe('booking (students)', () => {
  test('access: only shortlisted candidates of a fixed shortlist, only their own application', async () => {
    await addSlot();
    assert.equal((await adaAgent.get(`/applications/${ada.applicationId}/interviews`)).statusCode, 200);
    // not shortlisted
    assert.equal((await caraAgent.get(`/applications/${cara.applicationId}/interviews`)).statusCode, 404);
    // shortlisted, but the shortlist is not fixed
    assert.equal((await noraAgent.get(`/applications/${nora.applicationId}/interviews`)).statusCode, 404);
    // someone else's application
    assert.equal((await bobAgent.get(`/applications/${ada.applicationId}/interviews`)).statusCode, 404);
    const [slot] = await slotsOf(post.id);
    assert.ok(slot);
    assert.equal((await caraAgent.post(`/applications/${cara.applicationId}/interviews/book`, { slotId: slot.id })).statusCode, 404);
    assert.equal((await bobAgent.post(`/applications/${ada.applicationId}/interviews/book`, { slotId: slot.id })).statusCode, 404);
    assert.equal((await slotsOf(post.id))[0]?.applicationId, null, 'nothing booked');
    // the application page links to the interviews only when there are some
    assert.match((await adaAgent.get(`/applications/${ada.applicationId}`)).body, /\/interviews">Book or see your interviews/);
    assert.ok(!(await caraAgent.get(`/applications/${cara.applicationId}`)).body.includes('/interviews"'));
    await clearSlots();
  });

  test('the student sees times in their zone (the university’s by default) with the office’s alongside', async () => {
    await addSlot();
    const page = textOf((await adaAgent.get(`/applications/${ada.applicationId}/interviews`)).body);
    assert.match(page, /10 March 2026 at 03:30 GMT \(Europe\/London\)\s*, which is 10 March 2026 at 09:00 GMT\+5:30 \(Asia\/Kolkata\)/);
    // the student chooses their own zone on their account page
    const bad = await adaAgent.post('/account/time-zone', { timeZone: 'Mars/Olympus' });
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /Choose a time zone from the list/);
    assert.equal((await adaAgent.post('/account/time-zone', { timeZone: 'Asia/Tokyo' })).statusCode, 303);
    const [user] = await t.database.db.select().from(users).where(eq(users.id, ada.user.id));
    assert.equal(user?.timeZone, 'Asia/Tokyo');
    assert.match(textOf((await adaAgent.get(`/applications/${ada.applicationId}/interviews`)).body), /10 March 2026 at 12:30 GMT\+9 \(Asia\/Tokyo\)/);
    // every page that shows a time in another zone now shows it in the chosen one alongside
    assert.match(textOf((await adaAgent.get(`/applications/${ada.applicationId}`)).body), /\(Asia\/Tokyo\)/);
    assert.equal((await adaAgent.post('/account/time-zone', { timeZone: '' })).statusCode, 303);
    await clearSlots();
  });

  test('booking sends an ICS invitation over SMTP; the partner sees the name; moving sends a CANCEL and a new REQUEST', async () => {
    const first = await addSlot();
    const second = await addSlot({ date: '2026-03-11', time: '11:00' });
    const booked = await adaAgent.post(`/applications/${ada.applicationId}/interviews/book`, { slotId: first });
    assert.equal(booked.statusCode, 303, textOf(booked.body).slice(0, 300));
    const [slot] = (await slotsOf(post.id)).filter((s) => s.id === first);
    assert.equal(slot?.applicationId, ada.applicationId);
    assert.equal(slot?.sequence, 1);
    await t.jobs.runDue();
    const mail = await smtp.waitFor((m) => m.to.includes(ada.user.email) && m.subject.startsWith('Interview booked'));
    assert.match(mail.raw, /text\/calendar; charset=utf-8; method=REQUEST/i);
    const ics = calendarPart(mail).replace(/\r\n[ \t]/g, '');
    assert.match(ics, /METHOD:REQUEST/);
    assert.match(ics, /DTSTART:20260310T033000Z/);
    assert.match(ics, /SEQUENCE:1/);
    assert.ok(ics.includes(`UID:${invitationUid(first, ada.applicationId, 'outbound.test')}`));
    assert.match(ics, /X-WR-TIMEZONE:Asia\/Kolkata/);
    const partnerPage = textOf((await partner.get(`/posts/${post.id}/interviews`)).body);
    assert.match(partnerPage, /Booked Ada Lovelace/);

    const moved = await adaAgent.post(`/applications/${ada.applicationId}/interviews/book`, { slotId: second });
    assert.equal(moved.statusCode, 303);
    const after = await slotsOf(post.id);
    assert.equal(after.find((s) => s.id === first)?.applicationId, null);
    assert.equal(after.find((s) => s.id === second)?.applicationId, ada.applicationId);
    await t.jobs.runDue();
    const cancel = await smtp.waitFor((m) => m.to.includes(ada.user.email) && m.subject.startsWith('Interview cancelled'));
    const cancelIcs = calendarPart(cancel).replace(/\r\n[ \t]/g, '');
    assert.match(cancelIcs, /METHOD:CANCEL/);
    assert.match(cancelIcs, /SEQUENCE:2/);
    assert.ok(cancelIcs.includes(`UID:${invitationUid(first, ada.applicationId, 'outbound.test')}`));
    const request = await smtp.waitFor((m) => m.to.includes(ada.user.email) && m.subject.startsWith('Interview moved'));
    assert.match(calendarPart(request), /DTSTART:20260311T053000Z/);
    assert.equal((await audits('selection.interview_moved')).filter((a) => a.subjectId === second).length, 1);
    // a booked slot is neither changed nor deleted
    const del = await partner.post(`/posts/${post.id}/interviews/${second}/delete`, {});
    assert.equal(del.statusCode, 409);
    assert.match(textOf(del.body), /This slot is booked/);
    const edit = await partner.post(`/posts/${post.id}/interviews/${second}`, { date: '2026-03-12', time: '14:00', minutes: '60', kind: 'in_person', place: 'Room 9', panel: reviewerId });
    assert.equal(edit.statusCode, 409);
    assert.equal((await slotsOf(post.id)).find((s) => s.id === second)?.location, 'https://meet.example.org/room-1', 'unchanged');
    await clearSlots();
  });

  test('two students booking the last slot at once: one wins, the other is told; one booking in the database', async () => {
    const last = await addSlot();
    const [a, b] = await Promise.all([
      adaAgent.post(`/applications/${ada.applicationId}/interviews/book`, { slotId: last }),
      bobAgent.post(`/applications/${bob.applicationId}/interviews/book`, { slotId: last }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    assert.deepEqual(statuses, [303, 409]);
    const loser = a.statusCode === 409 ? a : b;
    assert.match(textOf(loser.body), /someone else has just booked the interview/);
    const booked = await t.database.db.select().from(interviewSlots).where(and(eq(interviewSlots.postId, post.id), isNotNull(interviewSlots.applicationId)));
    assert.equal(booked.length, 1);
    await clearSlots();
  });

  test('one slot per post: the same student booking two slots at once keeps one', async () => {
    const one = await addSlot();
    const two = await addSlot({ date: '2026-03-11' });
    const results = await Promise.all([
      bobAgent.post(`/applications/${bob.applicationId}/interviews/book`, { slotId: one }),
      bobAgent.post(`/applications/${bob.applicationId}/interviews/book`, { slotId: two }),
    ]);
    const held = (await slotsOf(post.id)).filter((s) => s.applicationId === bob.applicationId);
    assert.equal(held.length, 1, 'one booking');
    // both may succeed one after the other (the second moves the booking) but never hold two
    for (const r of results) assert.ok(r.statusCode === 303 || r.statusCode === 409, String(r.statusCode));
    const refused = results.find((r) => r.statusCode === 409);
    if (refused) assert.match(textOf(refused.body), /one per post|changed meanwhile/);
    await clearSlots();
  });

  test('moving or cancelling inside 24 hours is refused with the time named; before that, cancelling frees the slot', async () => {
    const slot = await addSlot();
    const other = await addSlot({ date: '2026-03-11' });
    assert.equal((await bobAgent.post(`/applications/${bob.applicationId}/interviews/book`, { slotId: slot })).statusCode, 303);
    const startsAt = new Date('2026-03-10T03:30:00Z');
    await travel(new Date(startsAt.getTime() - 23 * HOUR));
    try {
      const cancel = await bobAgent.post(`/applications/${bob.applicationId}/interviews/cancel`, { postId: post.id });
      assert.equal(cancel.statusCode, 409);
      assert.match(textOf(cancel.body), /can no longer be moved or cancelled: changes were possible until 9 March 2026 at 03:30 GMT/);
      const move = await bobAgent.post(`/applications/${bob.applicationId}/interviews/book`, { slotId: other });
      assert.equal(move.statusCode, 409);
      assert.equal((await slotsOf(post.id)).find((s) => s.id === slot)?.applicationId, bob.applicationId, 'still booked');
      await travel(new Date(startsAt.getTime() - 25 * HOUR));
      const early = await bobAgent.post(`/applications/${bob.applicationId}/interviews/cancel`, { postId: post.id });
      assert.equal(early.statusCode, 303);
      assert.equal((await slotsOf(post.id)).find((s) => s.id === slot)?.applicationId, null);
      assert.equal((await audits('selection.interview_cancelled')).filter((a) => a.subjectId === slot).length, 1);
    } finally {
      await travel(START);
    }
    await clearSlots();
  });

  test('the partner cancels a booking: the candidate gets a CANCEL and the slot is free', async () => {
    const slot = await addSlot({ date: '2026-03-13', time: '16:00' });
    assert.equal((await bobAgent.post(`/applications/${bob.applicationId}/interviews/book`, { slotId: slot })).statusCode, 303);
    assert.equal((await outsider.post(`/posts/${post.id}/interviews/${slot}/cancel`, {})).statusCode, 404);
    assert.equal((await partner.post(`/posts/${post.id}/interviews/${slot}/cancel`, {})).statusCode, 303);
    assert.equal((await slotsOf(post.id))[0]?.applicationId, null);
    await t.jobs.runDue();
    const mail = await smtp.waitFor((m) => m.to.includes(bob.user.email) && m.subject.startsWith('Interview cancelled by Interview Partner'));
    const ics = calendarPart(mail).replace(/\r\n[ \t]/g, '');
    assert.match(ics, /METHOD:CANCEL/);
    assert.match(ics, /DTSTART:20260313T103000Z/);
    await clearSlots();
  });
});

describe('interview scores (panel)', () => {
  test('panel members score a started interview on the rubric; bad scores re-render; the partner sees the summary', async () => {
    const slot = await addSlot({ panel: [partnerId, reviewerId] });
    assert.equal((await adaAgent.post(`/applications/${ada.applicationId}/interviews/book`, { slotId: slot })).statusCode, 303);
    const [motivation, languages] = criteria;
    assert.ok(motivation && languages);
    const href = `/interviews/${slot}/scores`;
    // before the start: no form, and a save is refused
    const early = await reviewer.get(href);
    assert.equal(early.statusCode, 200);
    assert.match(textOf(early.body), /once the interview has started/);
    const tooSoon = await reviewer.post(href, { intent: 'submit', [`score_${motivation.id}`]: '4', [`score_${languages.id}`]: '3' });
    assert.equal(tooSoon.statusCode, 409);
    // someone not on the panel, and another organisation: not found
    const notOnPanel = (await signInWithOrganisation(t, 'partner_reviewer', org)).agent;
    assert.equal((await notOnPanel.get(href)).statusCode, 404);
    assert.equal((await outsider.get(href)).statusCode, 404);

    await travel(new Date('2026-03-10T03:35:00Z'));
    try {
      assert.match(textOf((await reviewer.get('/interviews')).body), /Record scores/);
      const reviewerList = (await reviewer.get('/interviews')).body;
      assert.ok(!reviewerList.includes(`/posts/${post.id}/interviews`), 'a reviewer does not manage slots');
      assert.ok((await partner.get('/interviews')).body.includes(`href="/posts/${post.id}/interviews"`), 'the partner admin’s posts link to their slots');
      const missing = await reviewer.post(href, { intent: 'submit', [`score_${motivation.id}`]: '4', comment: 'Thoughtful answers' });
      assert.equal(missing.statusCode, 400);
      assert.match(textOf(missing.body), /Choose a score for Languages/);
      assert.match(missing.body, /Thoughtful answers/);
      assert.match(missing.body, new RegExp(`id="field-score_${motivation.id}-4" name="score_${motivation.id}" value="4" checked`));
      const outside = await reviewer.post(href, { intent: 'submit', [`score_${motivation.id}`]: '6', [`score_${languages.id}`]: '3' });
      assert.equal(outside.statusCode, 400);
      assert.match(textOf(outside.body), /The score for Motivation must be a whole number from 1 to 5/);
      assert.equal((await t.database.db.select().from(interviewScores).where(eq(interviewScores.applicationId, ada.applicationId))).length, 0, 'nothing saved');

      assert.equal((await reviewer.post(href, { intent: 'submit', [`score_${motivation.id}`]: '5', [`score_${languages.id}`]: '3' })).statusCode, 303);
      assert.equal((await partner.post(href, { intent: 'submit', [`score_${motivation.id}`]: '3', [`score_${languages.id}`]: '3' })).statusCode, 303);
      const sheets = await t.database.db.select().from(interviewScores).where(eq(interviewScores.applicationId, ada.applicationId));
      assert.equal(sheets.length, 2);
      assert.deepEqual(sheets.find((s) => s.memberId === reviewerId)?.scores, { [motivation.id]: 5, [languages.id]: 3 });
      // submitted scores are final
      const again = await reviewer.post(href, { intent: 'submit', [`score_${motivation.id}`]: '1', [`score_${languages.id}`]: '1' });
      assert.equal(again.statusCode, 409);
      // weighted: (5*3+3)/4 = 4.5 and (3*3+3)/4 = 3.0 → mean 3.8 (3.75), spread 1.5; motivation 5 vs 3 → disagree
      const page = textOf((await partner.get(`/posts/${post.id}/interviews`)).body);
      assert.match(page, /Ada Lovelace\s*10 March 2026 at 09:00 GMT\+5:30 \(Asia\/Kolkata\)\s*2\s*3\.8\s*1\.5\s*Panel disagrees/);
      assert.equal((await audits('selection.interview_scores_submitted')).length, 2);
    } finally {
      await travel(START);
    }
  });
});
