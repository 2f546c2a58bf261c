import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createCourse, signInAs } from '../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function audits(courseId: string) {
  return rows<{ action: string; details: Record<string, unknown> }>(sql`select action, details from audit_events where subject_type = 'course' and subject_id = ${courseId} order by id`);
}

describe('courses', () => {
  test('staff add a course, see it in the list, edit it and deactivate it; every change is audited', async () => {
    const { agent } = await signInAs(t, 'staff');
    const form = await agent.get('/courses/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1>Add a course<\/h1>/);
    assert.match(form.body, /name="active" value="on" checked/);

    const created = await agent.post('/courses/new', { name: 'Global Health MSc', level: 'PG', faculty: 'Faculty of Medicine', active: 'on' });
    assert.equal(created.statusCode, 303);
    assert.equal(created.headers.location, '/courses');
    const [course] = await rows<{ id: string; name: string; level: string; faculty: string; active: boolean }>(sql`select * from courses where name = 'Global Health MSc'`);
    assert.ok(course);
    assert.deepEqual({ level: course.level, faculty: course.faculty, active: course.active }, { level: 'PG', faculty: 'Faculty of Medicine', active: true });

    const list = await agent.get('/courses');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(`<a href="/courses/${course.id}">Global Health MSc</a>`));
    assert.match(textOf(list.body), /Global Health MSc Postgraduate Faculty of Medicine Active/);
    assert.ok(list.body.includes('<a href="/courses" aria-current="page">Courses</a>'), 'in the staff navigation');

    const edit = await agent.get(`/courses/${course.id}`);
    assert.equal(edit.statusCode, 200);
    assert.ok(edit.body.includes('value="Global Health MSc"'));
    assert.equal((await agent.post(`/courses/${course.id}`, { name: 'Global Health MSc', level: 'PG', faculty: 'Faculty of Medicine and Health', active: 'on' })).statusCode, 303);
    // an unticked box is not sent: the course becomes inactive, never deleted
    assert.equal((await agent.post(`/courses/${course.id}`, { name: 'Global Health MSc', level: 'PG', faculty: 'Faculty of Medicine and Health' })).statusCode, 303);
    const [after] = await rows<{ faculty: string; active: boolean }>(sql`select faculty, active from courses where id = ${course.id}`);
    assert.deepEqual(after, { faculty: 'Faculty of Medicine and Health', active: false });
    assert.match(textOf((await agent.get('/courses')).body), /Global Health MSc Postgraduate Faculty of Medicine and Health Inactive/);
    assert.equal((await agent.post(`/courses/${course.id}`, { name: 'Global Health MSc', level: 'PG', faculty: 'Faculty of Medicine and Health', active: 'on' })).statusCode, 303);

    const trail = await audits(course.id);
    assert.deepEqual(
      trail.map((a) => a.action),
      ['course.created', 'course.updated', 'course.deactivated', 'course.reactivated'],
    );
    assert.deepEqual(trail[1]?.details.changed, ['faculty']);
    assert.deepEqual(trail[2]?.details.changed, ['active']);
  });

  test('invalid input: every problem in an error summary, the values kept, nothing saved', async () => {
    const { agent } = await signInAs(t, 'admin');
    const response = await agent.post('/courses/new', { name: '  ', level: 'PhD', faculty: 'Faculty <b>of</b> Arts' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /<title>Error: Add a course/);
    const text = textOf(response.body);
    for (const message of ['Enter the course name', 'Choose the level of the course']) assert.ok(text.includes(message), message);
    assert.ok(response.body.includes('value="Faculty &lt;b>of&lt;/b> Arts"'), 'typed text kept, escaped');
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from courses where faculty like 'Faculty <b>%'`);
    assert.equal(count?.n, 0);
    const long = await agent.post('/courses/new', { name: 'x'.repeat(121), level: 'UG', faculty: 'F' });
    assert.ok(textOf(long.body).includes('The course name must be 120 characters or fewer'));
  });

  test('a name is unique per level, whatever its case; the same name at another level is another course', async () => {
    const { agent } = await signInAs(t, 'staff');
    await createCourse(t.database.db, { name: 'Economics BSc', level: 'UG' });
    const duplicate = await agent.post('/courses/new', { name: 'economics bsc', level: 'UG', faculty: 'Faculty of Social Sciences', active: 'on' });
    assert.equal(duplicate.statusCode, 400);
    assert.ok(textOf(duplicate.body).includes('A course with this name and level already exists'));
    assert.ok(duplicate.body.includes('value="economics bsc"'));
    assert.equal((await agent.post('/courses/new', { name: 'Economics BSc', level: 'PG', faculty: 'Faculty of Social Sciences', active: 'on' })).statusCode, 303);

    const other = await createCourse(t.database.db, { name: 'Economics MSc', level: 'PG' });
    const renamed = await agent.post(`/courses/${other.id}`, { name: 'ECONOMICS BSC', level: 'PG', faculty: 'F', active: 'on' });
    assert.equal(renamed.statusCode, 400);
    assert.ok(textOf(renamed.body).includes('A course with this name and level already exists'));
    assert.deepEqual(await audits(other.id), [], 'a refused change is not audited');
  });

  test('only staff and admins reach the courses: others get 403, visitors sign in, unknown ids are 404', async () => {
    const course = await createCourse(t.database.db, { name: 'Access Test BA' });
    for (const role of ['student', 'partner_admin', 'partner_reviewer', 'funder', 'edi_officer'] as const) {
      const { agent } = await signInAs(t, role);
      for (const path of ['/courses', '/courses/new', `/courses/${course.id}`]) assert.equal((await agent.get(path)).statusCode, 403, `${role} ${path}`);
      assert.equal((await agent.post('/courses/new', { name: 'Sneaky BA', level: 'UG', faculty: 'F' })).statusCode, 403, role);
      assert.equal((await agent.post(`/courses/${course.id}`, { name: 'Renamed', level: 'UG', faculty: 'F' })).statusCode, 403, role);
    }
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from courses where name in ('Sneaky BA', 'Renamed')`);
    assert.equal(count?.n, 0);
    const visitor = new TestAgent(t.app);
    const anonymous = await visitor.get('/courses');
    assert.equal(anonymous.statusCode, 302);
    assert.equal(anonymous.headers.location, '/sign-in?next=%2Fcourses');
    const { agent: staff } = await signInAs(t, 'staff');
    assert.equal((await staff.get('/courses/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await staff.get('/courses/not-an-id')).statusCode, 404);
    assert.equal((await staff.post('/courses/new', { name: 'No Token BA', level: 'UG', faculty: 'F' }, { csrf: false })).statusCode, 403, 'the form needs its CSRF token');
  });
});
