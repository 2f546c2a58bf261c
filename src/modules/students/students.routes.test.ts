import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createCourse, newStudentNumber, signInAs } from '../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
let migration: { id: string };
let history: { id: string };
let retired: { id: string };
before(async () => {
  t = await buildTestApp();
  migration = await createCourse(t.database.db, { name: 'Migration Studies MSc', level: 'PG' });
  history = await createCourse(t.database.db, { name: 'History BA', level: 'UG' });
  retired = await createCourse(t.database.db, { name: 'Retired Course BA', level: 'UG', active: false });
});
after(() => t.close());

// a complete profile; each use gets its own student number
function valid(fields: Record<string, string> = {}): Record<string, string> {
  return { studentNumber: newStudentNumber(), courseId: migration.id, yearOfStudy: '1', expectedGraduation: '2027-09-30', nationality: 'KE', phone: '+44 7700 900123', pronouns: 'she/her', language1: 'fr', level1: 'B2', language2: 'sw', level2: 'A2', ...fields };
}

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

function selected(html: string, name: string): string | undefined {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  // an empty value renders as a bare attribute
  const match = /<option value(?:="([^"]*)")? selected/.exec(select);
  return match ? (match[1] ?? '') : undefined;
}

describe('the study profile', () => {
  test('a student sees an empty form, saves it, and sees the values back; the change is audited', async () => {
    const { agent, user } = await signInAs(t, 'student');
    const empty = await agent.get('/profile');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /<h1>Your profile<\/h1>/);
    assert.match(textOf(empty.body), /You have not saved your study details yet/);
    assert.match(empty.body, /<form method="post" action="\/profile"[^>]*><input type="hidden" name="_csrf"/);
    assert.equal((empty.body.match(/name="language\d"/g) ?? []).length, 6, 'six language rows');
    assert.ok(empty.body.includes('<a href="/profile" aria-current="page">Your profile</a>'), 'in the student navigation');

    assert.ok(empty.body.includes('Migration Studies MSc (postgraduate, Faculty of Social Sciences)'), 'the active courses are offered');
    assert.ok(!empty.body.includes('Retired Course BA'), 'an inactive course is not');
    assert.ok(!/name="studyLevel"/.test(empty.body), 'the level comes from the course, not a question of its own');
    assert.ok(empty.body.includes('<option value="KE">Kenya</option>'), 'nationality from the ISO country list');

    const form = valid({ studentNumber: 'ab12345' });
    const saved = await agent.post('/profile', form);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/profile');
    const page = await agent.get('/profile');
    assert.match(textOf(page.body), /Your profile has been saved\./);
    assert.equal(selected(page.body, 'courseId'), migration.id);
    assert.equal(selected(page.body, 'nationality'), 'KE');
    assert.ok(page.body.includes('value="AB12345"'), 'the student number, in capitals');
    assert.ok(page.body.includes('value="+44 7700 900123"'));
    assert.ok(page.body.includes('value="she/her"'));
    assert.equal(selected(page.body, 'yearOfStudy'), '1');
    assert.equal(selected(page.body, 'language1'), 'fr');
    assert.equal(selected(page.body, 'level1'), 'B2');
    assert.equal(selected(page.body, 'language2'), 'sw');
    assert.equal(selected(page.body, 'language3'), '');
    assert.ok(page.body.includes('value="2027-09-30"'));

    const [profile] = await rows<{ study_level: string; course: string; course_id: string; student_number: string; nationality: string; year_of_study: number; languages: unknown }>(
      sql`select * from student_profiles where user_id = ${user.id}`,
    );
    assert.equal(profile?.study_level, 'PG', 'the course’s level');
    assert.equal(profile?.course, 'Migration Studies MSc', 'the course’s name, for eligibility');
    assert.equal(profile?.course_id, migration.id);
    assert.equal(profile?.student_number, 'AB12345');
    assert.equal(profile?.nationality, 'KE');
    assert.equal(profile?.year_of_study, 1);
    assert.deepEqual(profile?.languages, [
      { language: 'fr', level: 'B2' },
      { language: 'sw', level: 'A2' },
    ]);

    // a second save updates the same row and says what changed
    assert.equal((await agent.post('/profile', { ...form, yearOfStudy: '2', language2: '', level2: '' })).statusCode, 303);
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from student_profiles where user_id = ${user.id}`);
    assert.equal(count?.n, 1);
    const audit = await rows<{ action: string; details: { changed: string[] } }>(sql`select action, details from audit_events where subject_id = ${user.id} and action = 'profile.updated' order by id`);
    assert.deepEqual(
      audit.map((a) => a.details.changed),
      [['created'], ['yearOfStudy', 'languages']],
    );

    // another course changes the level with it
    assert.equal((await agent.post('/profile', { ...form, courseId: history.id })).statusCode, 303);
    const [changed] = await rows<{ study_level: string; course: string }>(sql`select study_level, course from student_profiles where user_id = ${user.id}`);
    assert.deepEqual(changed, { study_level: 'UG', course: 'History BA' });
  });

  test('invalid input: every problem in an error summary, each next to its field, the values kept, nothing saved', async () => {
    const { agent, user } = await signInAs(t, 'student');
    const response = await agent.post('/profile', {
      studentNumber: '12-34',
      courseId: 'PhD',
      nationality: 'ZZ',
      phone: '123',
      pronouns: 'they/them <b>x</b> and a very long text',
      yearOfStudy: '9',
      expectedGraduation: '2027-02-30',
      language1: 'fr',
      level1: '',
      language2: 'fr',
      level2: 'C1',
      language3: 'xx',
      level3: 'B1',
      language4: '',
      level4: 'Z9',
    });
    assert.equal(response.statusCode, 400);
    const text = textOf(response.body);
    assert.match(response.body, /<title>Error: Your profile/);
    assert.match(text, /There is a problem/);
    for (const message of [
      'Student number must be 5 to 12 letters or digits, like 20231234',
      'Choose your course',
      'Choose your nationality from the list',
      'Enter a phone number of 6 to 20 digits, spaces or a leading +, like +44 7700 900123',
      'Pronouns must be 30 characters or fewer',
      'Year of study must be between 1 and 7',
      'Expected graduation must be a real date',
      'Choose your level in language 1',
      'Language 2 is already listed above; give each language once',
      'Choose language 3 from the list',
      'Choose language 4, or clear its level',
    ]) {
      assert.ok(text.includes(message), message);
    }
    assert.match(response.body, /<a href="#field-studentNumber">Student number must be 5 to 12 letters or digits, like 20231234<\/a>/);
    assert.match(response.body, /<a href="#field-level1">Choose your level in language 1<\/a>/);
    assert.ok(response.body.includes('value="they/them &lt;b>x&lt;/b> and a very long text"'), 'typed text kept, escaped');
    assert.ok(response.body.includes('value="12-34"'));
    assert.ok(response.body.includes('value="123"'));
    assert.equal(selected(response.body, 'language2'), 'fr');
    assert.equal(selected(response.body, 'level2'), 'C1');
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from student_profiles where user_id = ${user.id}`);
    assert.equal(count?.n, 0);

    const blank = await agent.post('/profile', {});
    assert.equal(blank.statusCode, 400);
    for (const message of ['Enter your student number', 'Choose your course', 'Choose your nationality', 'Choose your year of study', 'Enter your expected graduation date']) {
      assert.ok(textOf(blank.body).includes(message), message);
    }
  });

  test('fields that are not on the form are ignored: a student cannot give themselves a role', async () => {
    const { agent, user } = await signInAs(t, 'student');
    const response = await agent.post('/profile', { ...valid(), role: 'admin', studyLevel: 'PG', course: 'Made Up Course', roles: ['admin', 'staff'], userId: '00000000-0000-0000-0000-000000000000', organisationId: '00000000-0000-0000-0000-000000000000' });
    assert.equal(response.statusCode, 303);
    const [row] = await rows<{ roles: string[]; organisation_id: string | null }>(sql`select roles, organisation_id from users where id = ${user.id}`);
    assert.deepEqual(row?.roles, ['student']);
    assert.equal(row?.organisation_id, null);
    const [profile] = await rows<{ user_id: string; study_level: string; course: string }>(sql`select user_id, study_level, course from student_profiles where user_id = ${user.id}`);
    assert.equal(profile?.user_id, user.id);
    assert.equal(profile?.study_level, 'PG', 'the level is the course’s, whatever was posted');
    assert.equal(profile?.course, 'Migration Studies MSc');
    assert.equal((await agent.get('/admin/users')).statusCode, 403);
  });

  test('only students have a study profile: others get 403, visitors are sent to sign in', async () => {
    for (const role of ['staff', 'admin', 'partner_admin', 'funder'] as const) {
      const { agent } = await signInAs(t, role);
      assert.equal((await agent.get('/profile')).statusCode, 403, role);
      assert.equal((await agent.post('/profile', valid())).statusCode, 403, role);
    }
    const visitor = new TestAgent(t.app);
    const anonymous = await visitor.get('/profile');
    assert.equal(anonymous.statusCode, 302);
    assert.equal(anonymous.headers.location, '/sign-in?next=%2Fprofile');
    assert.equal((await visitor.post('/profile', valid())).statusCode, 403);
    const { agent: student } = await signInAs(t, 'student');
    assert.equal((await student.post('/profile', valid(), { csrf: false })).statusCode, 403, 'the form needs its CSRF token');
  });

  test('a student number already on another student’s profile is refused with a clear message, the values kept', async () => {
    const number = newStudentNumber();
    const { agent: first } = await signInAs(t, 'student');
    assert.equal((await first.post('/profile', valid({ studentNumber: number }))).statusCode, 303);
    const { agent: second, user } = await signInAs(t, 'student');
    const response = await second.post('/profile', valid({ studentNumber: number.toLowerCase(), pronouns: 'he/him' }));
    assert.equal(response.statusCode, 400);
    const text = textOf(response.body);
    assert.ok(text.includes('This student number is already on another student’s profile. Check it, or contact the programme team'));
    assert.match(response.body, /<a href="#field-studentNumber">/);
    assert.ok(response.body.includes(`value="${number.toLowerCase()}"`), 'the typed number kept');
    assert.ok(response.body.includes('value="he/him"'));
    assert.equal(selected(response.body, 'courseId'), migration.id);
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from student_profiles where user_id = ${user.id}`);
    assert.equal(count?.n, 0);
    // the owner saves their own number again without trouble
    assert.equal((await first.post('/profile', valid({ studentNumber: number, yearOfStudy: '2' }))).statusCode, 303);
  });

  test('a course that is not on the list, or no longer active, is refused', async () => {
    const { agent, user } = await signInAs(t, 'student');
    for (const courseId of ['00000000-0000-4000-8000-000000000000', retired.id]) {
      const response = await agent.post('/profile', valid({ courseId }));
      assert.equal(response.statusCode, 400, courseId);
      assert.ok(textOf(response.body).includes('Choose your course from the list'), courseId);
    }
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from student_profiles where user_id = ${user.id}`);
    assert.equal(count?.n, 0);
  });

  test('a student keeps a course that was deactivated after they chose it', async () => {
    const course = await createCourse(t.database.db, { name: 'Soon Retired MA', level: 'PG' });
    const { agent } = await signInAs(t, 'student');
    const form = valid({ courseId: course.id });
    assert.equal((await agent.post('/profile', form)).statusCode, 303);
    await t.database.db.execute(sql`update courses set active = false where id = ${course.id}`);
    const page = await agent.get('/profile');
    assert.equal(selected(page.body, 'courseId'), course.id, 'still shown as theirs');
    assert.equal((await agent.post('/profile', { ...form, yearOfStudy: '2' })).statusCode, 303);
    const { agent: other } = await signInAs(t, 'student');
    assert.equal((await other.post('/profile', valid({ courseId: course.id }))).statusCode, 400, 'but nobody new chooses it');
  });

  test('when staff rename a course or change its level, the profiles on it follow (audited with the count); others stay', async () => {
    const course = await createCourse(t.database.db, { name: 'Internatonal Relations BA', level: 'UG', faculty: 'Faculty of Social Sciences' });
    const first = await signInAs(t, 'student');
    const second = await signInAs(t, 'student');
    const elsewhere = await signInAs(t, 'student');
    assert.equal((await first.agent.post('/profile', valid({ courseId: course.id }))).statusCode, 303);
    assert.equal((await second.agent.post('/profile', valid({ courseId: course.id }))).statusCode, 303);
    assert.equal((await elsewhere.agent.post('/profile', valid({ courseId: history.id }))).statusCode, 303);

    const { agent: staff } = await signInAs(t, 'staff');
    const renamed = await staff.post(`/courses/${course.id}`, { name: 'International Relations MA', level: 'PG', faculty: 'Faculty of Social Sciences', active: 'on' });
    assert.equal(renamed.statusCode, 303);
    const profiles = await rows<{ user_id: string; course: string; study_level: string }>(sql`select user_id, course, study_level from student_profiles where user_id in (${first.user.id}, ${second.user.id}, ${elsewhere.user.id})`);
    const of = (id: string) => profiles.find((p) => p.user_id === id);
    assert.deepEqual({ course: of(first.user.id)?.course, level: of(first.user.id)?.study_level }, { course: 'International Relations MA', level: 'PG' });
    assert.deepEqual({ course: of(second.user.id)?.course, level: of(second.user.id)?.study_level }, { course: 'International Relations MA', level: 'PG' });
    assert.equal(of(elsewhere.user.id)?.course, 'History BA');
    const [audit] = await rows<{ details: { changed: string[]; profilesUpdated?: number } }>(sql`select details from audit_events where subject_type = 'course' and subject_id = ${course.id} and action = 'course.updated'`);
    assert.deepEqual(audit?.details.changed, ['name', 'level']);
    assert.equal(audit?.details.profilesUpdated, 2);
    // a change of faculty alone touches no profile
    assert.equal((await staff.post(`/courses/${course.id}`, { name: 'International Relations MA', level: 'PG', faculty: 'School of Politics', active: 'on' })).statusCode, 303);
    const audits = await rows<{ details: { profilesUpdated?: number } }>(sql`select details from audit_events where subject_type = 'course' and subject_id = ${course.id} and action = 'course.updated' order by at`);
    assert.equal(audits.length, 2);
    assert.equal(audits[1]?.details.profilesUpdated, undefined);
  });

  test('phone and pronouns are optional', async () => {
    const { agent, user } = await signInAs(t, 'student');
    assert.equal((await agent.post('/profile', valid({ phone: '', pronouns: '' }))).statusCode, 303);
    const [profile] = await rows<{ phone: string; pronouns: string }>(sql`select phone, pronouns from student_profiles where user_id = ${user.id}`);
    assert.deepEqual(profile, { phone: '', pronouns: '' });
    const bad = await agent.post('/profile', valid({ phone: '+44 (0)20 7946 0000' }));
    assert.equal(bad.statusCode, 400);
  });
});
