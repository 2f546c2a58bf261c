import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createOffice, createOrganisation, createPost, createRound, signInWithOrganisation, type Organisation, type Post, type Round } from '../../../test/helpers/catalogue-factories.ts';
import { createCourse, createUser, newStudentNumber, signInAs, TEST_PASSWORD } from '../../../test/helpers/factories.ts';
import { samplePdf } from '../../../test/helpers/pdf.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { applicationChoices, applications } from '../applications/applications.tables.ts';
import { equalityResponses } from '../equality/equality.tables.ts';
import { roundQuestions } from '../rounds/round-questions.tables.ts';
import { candidateRef } from './candidate-ref.ts';
import { rubricCriteria, selectionSettings, shortlistDecisions, shortlistEntries } from './selection.tables.ts';

const DAY = 24 * 60 * 60 * 1000;

let t: TestApp;
let partner: Organisation;
let other: Organisation;
let round: Round;
let postA: Post;
let postB: Post;
let otherPost: Post;
let c1: string;
let c2: string;
let admin: TestAgent;
let adminId: string;
const reviewer: Record<'r1' | 'r2' | 'r3' | 'r4', { agent: TestAgent; id: string; name: string }> = {} as never;
let outsider: TestAgent;
let outsiderAdmin: TestAgent;
// the anonymised candidate, made through HTTP, and three applications inserted directly
let cand: string;
let old: string;
let older: string;
let draft: string;
const student = {
  name: 'Zenobia Quillfeather',
  email: `zenobia.quillfeather.${randomUUID().slice(0, 6)}@students.example.ac.uk`,
  number: newStudentNumber(),
  phone: '+44 7700 900999',
  pronouns: 'xe/xem',
};

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function auditActions(subjectId: string): Promise<string[]> {
  return (await rows<{ action: string }>(sql`select action from audit_events where subject_id = ${subjectId} order by id`)).map((r) => r.action);
}

async function insertSubmitted(postIds: string[], submittedAt: Date | null, status: 'submitted' | 'draft' = 'submitted'): Promise<string> {
  const db = t.database.db;
  const user = await createUser(db, { role: 'student', name: 'Other Student', now: t.clock.now() });
  const [row] = await db
    .insert(applications)
    .values({ roundId: round.id, studentId: user.id, status, statement: 'I like fieldwork.', submittedAt, createdAt: t.clock.now(), updatedAt: t.clock.now() })
    .returning();
  if (!row) throw new Error('application not stored');
  await db.insert(applicationChoices).values(postIds.map((postId, i) => ({ applicationId: row.id, rank: i + 1, postId, motivation: `Motivation ${i + 1}` })));
  return row.id;
}

const scores = (a: string | undefined, b: string | undefined, extra: Record<string, string> = {}) => {
  const fields: Record<string, string> = { ...extra };
  if (a !== undefined) fields[`score_${c1}`] = a;
  if (b !== undefined) fields[`score_${c2}`] = b;
  return fields;
};

before(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const now = t.clock.now();
  partner = await createOrganisation(db, { name: 'Review Partner', now });
  other = await createOrganisation(db, { name: 'Other Partner', now });
  const office = await createOffice(db, partner, { city: 'Geneva', country: 'CH', latitude: 46.2, longitude: 6.14, timeZone: 'Europe/Zurich', now });
  const otherOffice = await createOffice(db, other, { city: 'Bonn', country: 'DE', latitude: 50.7, longitude: 7.1, timeZone: 'Europe/Berlin', now });
  round = await createRound(db, partner, now, { name: 'Review round' });
  postA = await createPost(db, { round, office }, { title: 'Water intern', createdAt: now });
  postB = await createPost(db, { round, office }, { title: 'Energy intern', createdAt: now });
  otherPost = await createPost(db, { round, office: otherOffice }, { title: 'Other intern', createdAt: now });
  const course = await createCourse(db, { name: 'Hydrology MSc', level: 'PG', now });
  const questions = await db
    .insert(roundQuestions)
    .values([
      { roundId: round.id, position: 1, kind: 'single_choice', prompt: 'How did you hear about us?', options: ['A lecture', 'A friend'], required: true, createdAt: now, updatedAt: now },
      { roundId: round.id, position: 2, kind: 'long_text', prompt: 'Tell us about a project', required: false, createdAt: now, updatedAt: now },
      { roundId: round.id, position: 1, kind: 'declaration', prompt: 'I declare a secret declaration text', required: true, createdAt: now, updatedAt: now },
    ])
    .returning();
  const q = Object.fromEntries(questions.map((r) => [r.kind, r.id]));
  const criteria = await db
    .insert(rubricCriteria)
    .values([
      { roundId: round.id, position: 1, name: 'Motivation', description: 'Why this post', weight: 2, descriptors: ['Absent', 'Weak', 'Adequate', 'Strong', 'Outstanding'], createdAt: now, updatedAt: now },
      { roundId: round.id, position: 2, name: 'Skills', weight: 1, descriptors: ['None', 'Few', 'Some', 'Many', 'All'], createdAt: now, updatedAt: now },
    ])
    .returning();
  c1 = criteria[0]?.id ?? '';
  c2 = criteria[1]?.id ?? '';

  const signedAdmin = await signInWithOrganisation(t, 'partner_admin', partner);
  admin = signedAdmin.agent;
  adminId = signedAdmin.user.id;
  for (const key of ['r1', 'r2', 'r3', 'r4'] as const) {
    const signed = await signInWithOrganisation(t, 'partner_reviewer', partner);
    const name = `Reviewer ${key.toUpperCase()} Hartmann`;
    await db.execute(sql`update users set name = ${name} where id = ${signed.user.id}`);
    reviewer[key] = { agent: signed.agent, id: signed.user.id, name };
  }
  ({ agent: outsider } = await signInWithOrganisation(t, 'partner_reviewer', other));
  ({ agent: outsiderAdmin } = await signInWithOrganisation(t, 'partner_admin', other));

  // the candidate applies through the forms, with a CV, funding answers and equality answers
  const user = await createUser(db, { role: 'student', name: student.name, email: student.email, now });
  const agent = new TestAgent(t.app);
  assert.equal((await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD })).statusCode, 303);
  const profile = await agent.post('/profile', {
    studentNumber: student.number,
    courseId: course.id,
    yearOfStudy: '2',
    expectedGraduation: '2028-06-30',
    nationality: 'IS',
    language1: 'en',
    level1: 'C2',
    language2: 'fr',
    level2: 'B2',
    phone: student.phone,
    pronouns: student.pronouns,
  });
  assert.equal(profile.statusCode, 303);
  const started = await agent.post(`/rounds/${round.id}/apply`, {});
  cand = /\/applications\/([0-9a-f-]{36})$/.exec(String(started.headers.location))?.[1] ?? '';
  assert.ok(cand);
  const submitted = await agent.postMultipart(
    `/applications/${cand}`,
    {
      choice1: postA.id,
      motivation1: 'As Zenobia I care about clean rivers.',
      statement: "My name is Zenobia Quillfeather. Zenobia's passion is water; QUILLFEATHER is a rare name. Write to me.",
      [`answer_${q.single_choice}`]: 'A friend',
      [`answer_${q.long_text}`]: "The Quillfeather's river survey",
      [`answer_${q.declaration}`]: 'agreed',
      funding_incomeBand: 'up_to_25000',
      funding_incomeBenefits: 'yes',
      funding_careExperience: 'yes',
      funding_caringResponsibilities: 'no',
      funding_estranged: 'no',
      funding_refugee: 'prefer_not',
      funding_disabilityCosts: 'no',
      intent: 'submit',
    },
    { field: 'cv', name: 'zenobia-cv.pdf', content: await samplePdf('Zenobia Quillfeather CV'), type: 'application/pdf' },
  );
  assert.equal(submitted.statusCode, 303, textOf(submitted.body));
  await db.insert(equalityResponses).values({ pseudonym: `p-${randomUUID()}`, roundId: round.id, answers: { ethnicity: 'equality_sentinel_value', sex: 'sentinel_sex' } });

  older = await insertSubmitted([postB.id, postA.id], new Date(now.getTime() - 3 * DAY));
  old = await insertSubmitted([postA.id], new Date(now.getTime() - 2 * DAY));
  draft = await insertSubmitted([postA.id], null, 'draft');
});
after(() => t.close());

describe('reviewer assignment', () => {
  test('a partner admin assigns and removes their own organisation’s reviewers, audited', async () => {
    const page = await admin.get(`/posts/${postA.id}/reviewers`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.match(text, /3 submitted applications to this post/);
    assert.match(text, /at least 2 reviews \(K = 2\)/);
    assert.ok(page.body.includes(`value="${reviewer.r1.id}"`), 'an own reviewer is offered');
    assert.ok(!page.body.includes(`value="${(await rows<{ id: string }>(sql`select id from users where organisation_id = ${other.id} limit 1`))[0]?.id}"`), 'another organisation’s user is not offered');
    assert.match(text, /No reviewer is assigned yet/);
    assert.match(text, /3 applications need another reviewer/);

    for (const r of [reviewer.r1, reviewer.r2, reviewer.r3]) assert.equal((await admin.post(`/posts/${postA.id}/reviewers`, { intent: 'add', reviewerId: r.id })).statusCode, 303);
    for (const r of [reviewer.r1, reviewer.r3]) assert.equal((await admin.post(`/posts/${postB.id}/reviewers`, { intent: 'add', reviewerId: r.id })).statusCode, 303);
    const outsiderId = (await rows<{ id: string }>(sql`select id from users where organisation_id = ${other.id} and 'partner_reviewer' = any(roles)`))[0]?.id ?? '';
    const refused = await admin.post(`/posts/${postA.id}/reviewers`, { intent: 'add', reviewerId: outsiderId });
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /There is a problem.*Choose a reviewer from the list/);

    // r4 in, then out
    assert.equal((await admin.post(`/posts/${postA.id}/reviewers`, { intent: 'add', reviewerId: reviewer.r4.id })).statusCode, 303);
    assert.equal((await admin.post(`/posts/${postA.id}/reviewers`, { intent: 'remove', reviewerId: reviewer.r4.id })).statusCode, 303);
    const assigned = await rows<{ reviewer_id: string }>(sql`select reviewer_id from reviewer_assignments where post_id = ${postA.id}`);
    assert.deepEqual(assigned.map((r) => r.reviewer_id).sort(), [reviewer.r1.id, reviewer.r2.id, reviewer.r3.id].sort());
    const actions = await auditActions(postA.id);
    assert.equal(actions.filter((a) => a === 'selection.reviewer_assigned').length, 4);
    assert.equal(actions.filter((a) => a === 'selection.reviewer_removed').length, 1);

    const after = await admin.get(`/posts/${postA.id}/reviewers`);
    assert.doesNotMatch(textOf(after.body), /need another reviewer/);
    assert.ok(after.body.includes(reviewer.r1.name));
  });

  test('another organisation’s post is not found; reviewers, students and staff are refused', async () => {
    assert.equal((await admin.get(`/posts/${otherPost.id}/reviewers`)).statusCode, 404);
    assert.equal((await admin.post(`/posts/${otherPost.id}/reviewers`, { intent: 'add', reviewerId: reviewer.r1.id })).statusCode, 404);
    assert.equal((await outsiderAdmin.get(`/posts/${postA.id}/reviewers`)).statusCode, 404);
    assert.equal((await reviewer.r1.agent.get(`/posts/${postA.id}/reviewers`)).statusCode, 403);
    for (const role of ['student', 'staff'] as const) {
      const { agent } = await signInAs(t, role);
      assert.equal((await agent.get(`/posts/${postA.id}/reviewers`)).statusCode, 403, role);
      assert.equal((await agent.get('/reviews')).statusCode, 403, role);
      assert.equal((await agent.get(`/reviews/${cand}/${postA.id}`)).statusCode, 403, role);
    }
  });
});

describe('the queue', () => {
  test('lists submitted applications to assigned posts, oldest first, with progress', async () => {
    const page = await reviewer.r1.agent.get('/reviews');
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.match(text, /You have reviewed 0 of 4 applications assigned to you/);
    const refs = [candidateRef(older, postB.id), candidateRef(older, postA.id), candidateRef(old, postA.id), candidateRef(cand, postA.id)];
    const [, olderA = -1, oldA = -1, candA = -1] = refs.map((r) => text.indexOf(r));
    assert.ok(refs.every((r) => text.includes(r)), 'every waiting application is listed');
    assert.ok(olderA < oldA && oldA < candA, 'oldest submission first');
    assert.ok(!text.includes(candidateRef(draft, postA.id)), 'a draft is not listed');
    assert.match(text, /Water intern\s*0\s*3/);
    assert.match(text, /Energy intern\s*0\s*1/);
    assert.ok(!text.includes(student.name) && !text.includes('Quillfeather'));
    // the navigation leads there
    assert.match(page.body, /href="\/reviews"/);

    assert.ok(!page.body.includes(`/posts/${postA.id}/reviewers`), 'a reviewer is not offered the assignment page');
    const adminQueue = await admin.get('/reviews');
    assert.ok(adminQueue.body.includes(`href="/posts/${postA.id}/reviewers"`), 'a partner admin reaches the assignment page from the queue');
    assert.ok(!adminQueue.body.includes(`/posts/${otherPost.id}/reviewers`));
    assert.match(textOf(adminQueue.body), /Water intern\s*: choose reviewers\s*Review round\s*3\s*3/);
    const r4 = textOf((await reviewer.r4.agent.get('/reviews')).body);
    assert.match(r4, /not assigned to review any post/);
  });
});

describe('the anonymised review page', () => {
  test('shows what anonymity allows, redacts the name in the student’s text, and audits the read', async () => {
    const page = await reviewer.r1.agent.get(`/reviews/${cand}/${postA.id}`);
    assert.equal(page.statusCode, 200);
    const html = page.body;
    for (const secret of ['Zenobia', 'quillfeather', student.email, student.number, 'Iceland', student.phone, student.pronouns, 'zenobia-cv', '/cv"', '£25,000 or less', 'up_to_25000', 'household', 'care experienced', 'equality_sentinel_value', 'sentinel_sex', 'secret declaration']) {
      assert.ok(!html.toLowerCase().includes(secret.toLowerCase()), `the page must not contain ${secret}`);
    }
    const text = textOf(html);
    assert.ok(text.includes(candidateRef(cand, postA.id)));
    assert.match(text, /My name is \[name\]\. \[name\]['’]s passion is water; \[name\] is a rare name\./);
    assert.match(text, /As \[name\] I care about clean rivers\./);
    assert.match(text, /The \[name\]['’]s river survey/);
    assert.match(text, /A friend/);
    assert.match(text, /Hydrology MSc/);
    assert.match(text, /Postgraduate/);
    assert.match(text, /Year of study\s*2/);
    assert.match(text, /English \(C2\), French \(B2\)/);
    // the scoring form: a 1–5 radio group per criterion showing the descriptors
    assert.ok(html.includes(`name="score_${c1}" value="5"`));
    assert.match(text, /5 – Outstanding/);
    assert.match(html, /<legend class="field__label">Motivation \(weight 2\)<\/legend>/);
    assert.deepEqual((await auditActions(cand)).filter((a) => a === 'selection.application_viewed').length, 1);
    const [row] = await rows<{ actor_id: string; subject_type: string }>(sql`select actor_id, subject_type from audit_events where subject_id = ${cand} and action = 'selection.application_viewed'`);
    assert.equal(row?.actor_id, reviewer.r1.id);
    assert.equal(row?.subject_type, 'application');
  });

  test('the CV cannot be downloaded while anonymised', async () => {
    assert.equal((await reviewer.r1.agent.get(`/reviews/${cand}/${postA.id}/cv`)).statusCode, 404);
  });

  test('reaches only an assigned reviewer of the post’s organisation, for a submitted application ranking the post', async () => {
    assert.equal((await outsider.get(`/reviews/${cand}/${postA.id}`)).statusCode, 404, 'another organisation');
    assert.equal((await reviewer.r4.agent.get(`/reviews/${cand}/${postA.id}`)).statusCode, 404, 'not assigned');
    assert.equal((await reviewer.r1.agent.get(`/reviews/${cand}/${postB.id}`)).statusCode, 404, 'does not rank the post');
    assert.equal((await reviewer.r1.agent.get(`/reviews/${draft}/${postA.id}`)).statusCode, 404, 'not submitted');
    assert.equal((await reviewer.r1.agent.get(`/reviews/${randomUUID()}/${postA.id}`)).statusCode, 404);
    assert.equal((await outsider.post(`/reviews/${cand}/${postA.id}`, { ...scores('3', '3'), recommendation: 'yes', intent: 'submit' })).statusCode, 404);
  });
});

describe('scoring', () => {
  const reviewCount = async () => (await rows<{ n: number }>(sql`select count(*)::int as n from reviews where application_id = ${cand}`))[0]?.n;

  test('a score outside 1–5, a missing criterion or an unknown criterion is refused with the values kept and nothing saved', async () => {
    const url = `/reviews/${cand}/${postA.id}`;
    const agent = reviewer.r1.agent;
    const zero = await agent.post(url, { ...scores('0', '4'), comment: 'Kept comment', recommendation: 'maybe', intent: 'submit' });
    assert.equal(zero.statusCode, 400);
    assert.match(textOf(zero.body), /There is a problem.*The score for Motivation must be a whole number from 1 to 5/);
    assert.ok(zero.body.includes('Kept comment'));
    assert.match(zero.body, new RegExp(`name="score_${c2}" value="4" checked`));
    assert.match(zero.body, /name="recommendation" value="maybe" checked/);

    const six = await agent.post(url, { ...scores('6', '4'), intent: 'save' });
    assert.equal(six.statusCode, 400);
    assert.match(textOf(six.body), /The score for Motivation must be a whole number from 1 to 5/);

    const missing = await agent.post(url, { ...scores(undefined, '4'), comment: 'Still here', intent: 'submit' });
    assert.equal(missing.statusCode, 400);
    assert.match(textOf(missing.body), /Choose a score for Motivation/);
    assert.match(textOf(missing.body), /Choose a recommendation/);
    assert.ok(missing.body.includes('Still here'));

    const unknown = await agent.post(url, { ...scores('3', '4', { [`score_${randomUUID()}`]: '3' }), recommendation: 'yes', intent: 'submit' });
    assert.equal(unknown.statusCode, 400);
    assert.match(textOf(unknown.body), /not in this round’s rubric/);

    const long = await agent.post(url, { ...scores('3', '4'), comment: 'x'.repeat(3001), recommendation: 'yes', intent: 'submit' });
    assert.equal(long.statusCode, 400);
    assert.match(textOf(long.body), /The comment must be 3000 characters or fewer/);

    assert.equal(await reviewCount(), 0, 'nothing half-saved');
  });

  test('others’ scores are hidden until the reviewer submits; then the summary shows, with disagreement', async () => {
    const url = `/reviews/${cand}/${postA.id}`;
    const r2 = await reviewer.r2.agent.post(url, { ...scores('5', '5'), comment: 'R2 glowing comment', recommendation: 'yes', intent: 'submit' });
    assert.equal(r2.statusCode, 303);

    const before = await reviewer.r1.agent.get(url);
    assert.ok(!before.body.includes('R2 glowing comment'));
    assert.doesNotMatch(textOf(before.body), /Reviewers disagree|Weighted mean/);
    assert.ok(!before.body.includes(reviewer.r2.name));

    const draftSaved = await reviewer.r1.agent.post(url, { ...scores('1', undefined), comment: 'First thoughts', intent: 'save' });
    assert.equal(draftSaved.statusCode, 303);
    const withDraft = await reviewer.r1.agent.get(url);
    assert.match(withDraft.body, new RegExp(`name="score_${c1}" value="1" checked`));
    assert.ok(withDraft.body.includes('First thoughts'));
    assert.ok(!withDraft.body.includes('R2 glowing comment'), 'a draft does not reveal the others');

    const submitted = await reviewer.r1.agent.post(url, { ...scores('1', '2'), comment: 'Not convinced', recommendation: 'no', intent: 'submit' });
    assert.equal(submitted.statusCode, 303);
    const afterPage = await reviewer.r1.agent.get(url);
    const text = textOf(afterPage.body);
    assert.ok(afterPage.body.includes('R2 glowing comment'));
    assert.ok(text.includes(`Review by ${reviewer.r2.name}`));
    assert.match(text, /Reviewers disagree/);
    // weighted: r1 (1*2 + 2*1)/3 = 1.33, r2 5 → mean 3.2, spread 3.7
    assert.match(text, /Weighted mean\s*3\.2/);
    assert.match(text, /Spread\s*3\.7/);
    assert.match(text, /Motivation\s*Mean 3\.0, scores from 1 to 5/);
    assert.match(text, /A submitted review cannot be changed/);
    assert.ok(!afterPage.body.includes(`name="score_${c1}"`), 'no scoring form any more');

    const again = await reviewer.r1.agent.post(url, { ...scores('5', '5'), recommendation: 'yes', intent: 'submit' });
    assert.equal(again.statusCode, 400);
    assert.match(textOf(again.body), /cannot be changed/);
    const stored = await rows<{ scores: Record<string, number>; recommendation: string; submitted: boolean }>(
      sql`select scores, recommendation, submitted_at is not null as submitted from reviews where application_id = ${cand} and reviewer_id = ${reviewer.r1.id}`,
    );
    assert.deepEqual(stored, [{ scores: { [c1]: 1, [c2]: 2 }, recommendation: 'no', submitted: true }]);
    const actions = await auditActions(cand);
    assert.ok(actions.includes('selection.review_saved'));
    assert.equal(actions.filter((a) => a === 'selection.review_submitted').length, 2);

    const queue = textOf((await reviewer.r1.agent.get('/reviews')).body);
    assert.match(queue, /You have reviewed 1 of 4 applications/);
    const doneAt = queue.indexOf('Done');
    assert.ok(doneAt > 0 && queue.indexOf(candidateRef(cand, postA.id)) > doneAt, 'the reviewed application is listed under Done');
  });

  test('reviewers who agree are not flagged', async () => {
    const url = `/reviews/${old}/${postA.id}`;
    assert.equal((await reviewer.r1.agent.post(url, { ...scores('4', '4'), recommendation: 'yes', intent: 'submit' })).statusCode, 303);
    assert.equal((await reviewer.r2.agent.post(url, { ...scores('3', '4'), recommendation: 'maybe', intent: 'submit' })).statusCode, 303);
    const text = textOf((await reviewer.r2.agent.get(url)).body);
    assert.doesNotMatch(text, /Reviewers disagree/);
    assert.match(text, /No two scores of a criterion are 2 or more apart/);
  });
});

describe('conflicts of interest', () => {
  test('a declared conflict needs a reason, removes the draft, leaves the queue, blocks access and warns the admin', async () => {
    const url = `/reviews/${older}/${postB.id}`;
    const agent = reviewer.r3.agent;
    assert.equal((await agent.post(url, { ...scores('2', undefined), intent: 'save' })).statusCode, 303);
    assert.doesNotMatch(textOf((await admin.get(`/posts/${postB.id}/reviewers`)).body), /need another reviewer/);

    const empty = await agent.post(`${url}/conflict`, { reason: ' ' });
    assert.equal(empty.statusCode, 400);
    assert.match(textOf(empty.body), /Enter the reason for the conflict of interest/);

    const declared = await agent.post(`${url}/conflict`, { reason: 'She is my cousin.' });
    assert.equal(declared.statusCode, 303);
    assert.equal(declared.headers.location, '/reviews');
    const [conflict] = await rows<{ reason: string }>(sql`select reason from review_conflicts where application_id = ${older} and reviewer_id = ${reviewer.r3.id}`);
    assert.equal(conflict?.reason, 'She is my cousin.');
    assert.equal((await rows(sql`select 1 from reviews where application_id = ${older} and reviewer_id = ${reviewer.r3.id}`)).length, 0, 'the draft is gone');
    assert.ok((await auditActions(older)).includes('selection.conflict_declared'));

    const queue = textOf((await agent.get('/reviews')).body);
    assert.ok(!queue.includes(candidateRef(older, postB.id)));
    assert.ok(!queue.includes(candidateRef(older, postA.id)), 'the conflict covers the whole application');
    assert.ok(queue.includes(candidateRef(cand, postA.id)));
    assert.equal((await agent.get(url)).statusCode, 404);
    assert.equal((await agent.get(`/reviews/${older}/${postA.id}`)).statusCode, 404);
    assert.equal((await agent.post(url, { ...scores('2', '2'), recommendation: 'no', intent: 'submit' })).statusCode, 404);

    const warning = textOf((await admin.get(`/posts/${postB.id}/reviewers`)).body);
    assert.match(warning, /1 application needs another reviewer/);
  });
});

describe('named review', () => {
  test('after the shortlist is fixed, a shortlisted candidate is named with a CV link; the others stay anonymous', async () => {
    const db = t.database.db;
    const now = t.clock.now();
    await db.insert(shortlistEntries).values({ postId: postA.id, applicationId: cand, addedBy: adminId, addedAt: now });
    await db.insert(shortlistDecisions).values({ postId: postA.id, fixedBy: adminId, fixedAt: now });

    const page = await reviewer.r1.agent.get(`/reviews/${cand}/${postA.id}`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.ok(text.includes(student.name));
    assert.ok(text.includes(student.email));
    assert.match(text, /My name is Zenobia Quillfeather\./, 'no redaction in named review');
    assert.ok(page.body.includes(`href="/reviews/${cand}/${postA.id}/cv"`));
    assert.ok(!text.includes(student.number) && !text.includes(student.phone) && !text.includes(student.pronouns) && !text.includes('Iceland'));
    assert.ok(!page.body.includes('£25,000 or less') && !page.body.includes('equality_sentinel_value'));

    const cv = await reviewer.r1.agent.get(`/reviews/${cand}/${postA.id}/cv`);
    assert.equal(cv.statusCode, 200);
    assert.match(String(cv.headers['content-disposition']), /^attachment;/);
    assert.ok(cv.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));
    assert.ok((await auditActions(cand)).includes('selection.cv_downloaded'));
    assert.equal((await outsider.get(`/reviews/${cand}/${postA.id}/cv`)).statusCode, 404);

    const notListed = await reviewer.r1.agent.get(`/reviews/${old}/${postA.id}`);
    assert.ok(textOf(notListed.body).includes(candidateRef(old, postA.id)));
    assert.ok(!notListed.body.includes(`/reviews/${old}/${postA.id}/cv`));
  });

  test('a round switched to named review names every candidate', async () => {
    await t.database.db.insert(selectionSettings).values({ roundId: round.id, reviewsPerApplication: 2, anonymised: false, updatedAt: t.clock.now() });
    const page = await reviewer.r1.agent.get(`/reviews/${old}/${postA.id}`);
    assert.match(textOf(page.body), /Other Student/);
    assert.match(textOf(page.body), /this round does not anonymise applications/);
  });
});
