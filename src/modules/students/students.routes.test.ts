import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { signInAs } from '../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const valid = { studyLevel: 'PG', course: 'MSc Migration Studies', yearOfStudy: '1', expectedGraduation: '2027-09-30', language1: 'fr', level1: 'B2', language2: 'sw', level2: 'A2' };

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

    const saved = await agent.post('/profile', valid);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/profile');
    const page = await agent.get('/profile');
    assert.match(textOf(page.body), /Your study details have been saved\./);
    assert.equal(selected(page.body, 'studyLevel'), 'PG');
    assert.equal(selected(page.body, 'yearOfStudy'), '1');
    assert.equal(selected(page.body, 'language1'), 'fr');
    assert.equal(selected(page.body, 'level1'), 'B2');
    assert.equal(selected(page.body, 'language2'), 'sw');
    assert.equal(selected(page.body, 'language3'), '');
    assert.ok(page.body.includes('value="MSc Migration Studies"'));
    assert.ok(page.body.includes('value="2027-09-30"'));

    const [profile] = await rows<{ study_level: string; year_of_study: number; languages: unknown }>(sql`select * from student_profiles where user_id = ${user.id}`);
    assert.equal(profile?.study_level, 'PG');
    assert.equal(profile?.year_of_study, 1);
    assert.deepEqual(profile?.languages, [
      { language: 'fr', level: 'B2' },
      { language: 'sw', level: 'A2' },
    ]);

    // a second save updates the same row and says what changed
    assert.equal((await agent.post('/profile', { ...valid, yearOfStudy: '2', language2: '', level2: '' })).statusCode, 303);
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from student_profiles where user_id = ${user.id}`);
    assert.equal(count?.n, 1);
    const audit = await rows<{ action: string; details: { changed: string[] } }>(sql`select action, details from audit_events where subject_id = ${user.id} and action = 'profile.updated' order by id`);
    assert.deepEqual(
      audit.map((a) => a.details.changed),
      [['created'], ['yearOfStudy', 'languages']],
    );
  });

  test('invalid input: every problem in an error summary, each next to its field, the values kept, nothing saved', async () => {
    const { agent, user } = await signInAs(t, 'student');
    const response = await agent.post('/profile', {
      studyLevel: 'PhD',
      course: 'Geography <b>hons</b>',
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
      'Choose your level of study',
      'Year of study must be between 1 and 7',
      'Expected graduation must be a real date',
      'Choose your level in language 1',
      'Language 2 is already listed above; give each language once',
      'Choose language 3 from the list',
      'Choose language 4, or clear its level',
    ]) {
      assert.ok(text.includes(message), message);
    }
    assert.match(response.body, /<a href="#field-studyLevel">Choose your level of study<\/a>/);
    assert.match(response.body, /<a href="#field-level1">Choose your level in language 1<\/a>/);
    assert.ok(response.body.includes('value="Geography &lt;b>hons&lt;/b>"'), 'typed text kept, escaped');
    assert.equal(selected(response.body, 'language2'), 'fr');
    assert.equal(selected(response.body, 'level2'), 'C1');
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from student_profiles where user_id = ${user.id}`);
    assert.equal(count?.n, 0);

    const blank = await agent.post('/profile', {});
    assert.equal(blank.statusCode, 400);
    for (const message of ['Choose your level of study', 'Enter your course', 'Choose your year of study', 'Enter your expected graduation date']) {
      assert.ok(textOf(blank.body).includes(message), message);
    }
  });

  test('fields that are not on the form are ignored: a student cannot give themselves a role', async () => {
    const { agent, user } = await signInAs(t, 'student');
    const response = await agent.post('/profile', { ...valid, role: 'admin', roles: ['admin', 'staff'], userId: '00000000-0000-0000-0000-000000000000', organisationId: '00000000-0000-0000-0000-000000000000' });
    assert.equal(response.statusCode, 303);
    const [row] = await rows<{ roles: string[]; organisation_id: string | null }>(sql`select roles, organisation_id from users where id = ${user.id}`);
    assert.deepEqual(row?.roles, ['student']);
    assert.equal(row?.organisation_id, null);
    const [profile] = await rows<{ user_id: string }>(sql`select user_id from student_profiles where user_id = ${user.id}`);
    assert.equal(profile?.user_id, user.id);
    assert.equal((await agent.get('/admin/users')).statusCode, 403);
  });

  test('only students have a study profile: others get 403, visitors are sent to sign in', async () => {
    for (const role of ['staff', 'admin', 'partner_admin', 'funder'] as const) {
      const { agent } = await signInAs(t, role);
      assert.equal((await agent.get('/profile')).statusCode, 403, role);
      assert.equal((await agent.post('/profile', valid)).statusCode, 403, role);
    }
    const visitor = new TestAgent(t.app);
    const anonymous = await visitor.get('/profile');
    assert.equal(anonymous.statusCode, 302);
    assert.equal(anonymous.headers.location, '/sign-in?next=%2Fprofile');
    assert.equal((await visitor.post('/profile', valid)).statusCode, 403);
    const { agent: student } = await signInAs(t, 'student');
    assert.equal((await student.post('/profile', valid, { csrf: false })).statusCode, 403, 'the form needs its CSRF token');
  });
});
