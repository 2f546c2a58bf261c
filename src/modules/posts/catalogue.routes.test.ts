import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { TestAgent, textOf } from '../../../test/helpers/agent.ts';
import { createOffice, createOrganisation, createPost, createRound, createUnit, signInWithOrganisation, type Office, type Organisation, type Post } from '../../../test/helpers/catalogue-factories.ts';
import { createCourse, createUser, newStudentNumber, signInAs, TEST_PASSWORD } from '../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
let afm: Organisation;
let trust: Organisation;
let bulk: Organisation;
let geneva: Office;
let nairobi: Office;
let vientiane: Office;
let suva: Office;
const p: Record<string, Post> = {};
// a student's level and course name come from the course chosen on the profile
let historyUg: { id: string };
let historyPg: { id: string };

const MINUTE = 60_000;

before(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const now = t.clock.now();
  historyUg = await createCourse(db, { name: 'History', level: 'UG', now });
  historyPg = await createCourse(db, { name: 'History', level: 'PG', now });
  afm = await createOrganisation(db, { name: 'Agency for Migration', shortName: 'AFM', now });
  trust = await createOrganisation(db, { name: 'Ocean Climate Trust', shortName: 'OCT', now });
  bulk = await createOrganisation(db, { name: 'Many Posts Network', shortName: 'MPN', now });
  geneva = await createOffice(db, afm, { name: 'AFM Headquarters', city: 'Geneva', country: 'CH', latitude: 46.2, longitude: 6.14, timeZone: 'Europe/Zurich' });
  nairobi = await createOffice(db, afm, { name: 'AFM Somalia — Programme Support', city: 'Nairobi', country: 'KE', servesCountry: 'SO', latitude: -1.29, longitude: 36.82, timeZone: 'Africa/Nairobi' });
  vientiane = await createOffice(db, afm, { name: 'AFM Lao PDR', city: 'Vientiane', country: 'LA', latitude: 17.97, longitude: 102.6, timeZone: 'Asia/Vientiane' });
  suva = await createOffice(db, trust, { name: 'OCT Pacific', city: 'Suva', country: 'FJ', latitude: -18.14, longitude: 178.44, timeZone: 'Pacific/Fiji' });
  const toronto = await createOffice(db, bulk, { name: 'MPN Toronto', city: 'Toronto', country: 'CA', latitude: 43.65, longitude: -79.38, timeZone: 'America/Toronto' });
  const policy = await createUnit(db, afm, 'Migration Policy Unit');
  const support = await createUnit(db, afm, 'Programme Support Unit');

  const open = await createRound(db, afm, now, { opensInDays: -10, closesInDays: 29, name: 'Second cohort' });
  const openLater = await createRound(db, bulk, now, { opensInDays: -10, closesInDays: 60 });
  const closed = await createRound(db, afm, now, { opensInDays: -90, closesInDays: -30 });
  const future = await createRound(db, afm, now, { opensInDays: 30, closesInDays: 60 });
  const published = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * MINUTE);

  p.policy = await createPost(db, { round: open, office: geneva, unit: policy }, {
    title: 'Labour Mobility Policy Intern',
    description: 'Research labour mobility agreements.\n\n- draft briefs\n- analyse data',
    durationMonths: 6,
    earliestStart: '2026-09-01',
    latestStart: '2026-10-15',
    levels: ['PG'],
    languages: [{ language: 'fr', level: 'B2' }],
    sdgs: [16, 10],
    publishedAt: published(400),
  });
  p.support = await createPost(db, { round: open, office: nairobi, unit: support }, {
    title: 'Programme Support Intern',
    description: 'Support community resilience projects for the Somalia programme.',
    duties: 'Monitoring and reporting.',
    requiredQualifications: 'Good writing.',
    desirableQualifications: 'Field experience.',
    durationMonths: 9,
    earliestStart: '2026-07-01',
    latestStart: '2026-08-15',
    places: 2,
    levels: ['UG', 'PG', 'recent_graduate'],
    sdgs: [1, 5],
    stipendMinor: 50000,
    stipendCurrency: 'USD',
    stipendPeriod: 'month',
    partnerReference: 'AFM-2026-007',
    publishedAt: published(300),
  });
  p.lao = await createPost(db, { round: open, office: vientiane, unit: support }, {
    title: 'Climate Adaptation Assistant',
    description: 'Assist the climate team in Vientiane.',
    durationMonths: 4,
    earliestStart: '2026-10-01',
    latestStart: '2026-12-01',
    levels: ['UG'],
    courses: ['Geography'],
    minYear: 2,
    sdgs: [13],
    publishedAt: published(200),
  });
  p.pacific = await createPost(db, { round: open, office: suva }, {
    title: 'Ocean Science Intern',
    description: 'Coastal surveys. <script>alert("owned")</script> <b>bold claim</b>',
    durationMonths: 5,
    earliestStart: '2026-09-01',
    latestStart: '2026-09-30',
    levels: ['UG'],
    sdgs: [13, 14],
    publishedAt: published(100),
  });
  p.afmDraft = await createPost(db, { round: open, office: geneva }, { title: 'AFM Draft Post', status: 'draft' });
  p.trustDraft = await createPost(db, { round: open, office: suva }, { title: 'OCT Draft Post', status: 'submitted' });
  p.closedRound = await createPost(db, { round: closed, office: geneva }, { title: 'Post Of A Closed Round' });
  p.futureRound = await createPost(db, { round: future, office: geneva }, { title: 'Post Of A Future Round' });
  for (let i = 1; i <= 25; i++) {
    const n = String(i).padStart(2, '0');
    p[`bulk${n}`] = await createPost(db, { round: openLater, office: toronto }, {
      title: `Network Post ${n}`,
      durationMonths: 12,
      earliestStart: '2027-01-01',
      latestStart: '2027-02-01',
      levels: ['PG'],
      sdgs: [17],
      publishedAt: published(60 - i),
    });
  }
});
after(() => t.close());

// The titles of the posts listed on a catalogue page, in order.
function titles(html: string): string[] {
  return [...html.matchAll(/<h3 class="post-card__title"><a href="\/posts\/[0-9a-f-]+">([^<]+)<\/a>/g)].map((m) => m[1] ?? '');
}

function heading(html: string): string {
  return textOf(/<h2 id="results-count"[^>]*>([\s\S]*?)<\/h2>/.exec(html)?.[1] ?? '');
}

const OPEN_COUNT = 29;
const visitor = () => new TestAgent(t.app);

async function list(query: string, agent = visitor()) {
  const response = await agent.get(`/posts${query}`);
  assert.equal(response.statusCode, 200, `/posts${query}`);
  return { html: response.body, titles: titles(response.body), heading: heading(response.body) };
}

describe('the catalogue list', () => {
  test('lists the published posts of open rounds only, for everyone alike', async () => {
    const page = await list('');
    assert.equal(page.heading, `${OPEN_COUNT} posts`);
    assert.equal(page.titles.length, 20);
    for (const hidden of ['AFM Draft Post', 'OCT Draft Post', 'Post Of A Closed Round', 'Post Of A Future Round']) {
      assert.ok(!page.html.includes(hidden), hidden);
    }
    assert.match(textOf(page.html), /Anyone can browse the posts\. Sign in or register to apply\./);
    const { agent: staff } = await signInAs(t, 'staff');
    assert.equal((await list('', staff)).heading, `${OPEN_COUNT} posts`, 'staff see the same catalogue');
    const { agent: partner } = await signInWithOrganisation(t, 'partner_admin', afm);
    assert.ok(!(await list('?q=draft', partner)).html.includes('AFM Draft Post'), 'a partner’s own draft is not in the public list');
  });

  test('each item: title link, partner, unit, office, place, duration, start, places, deadline, goals', async () => {
    const page = await list('?country=KE');
    assert.deepEqual(page.titles, ['Programme Support Intern']);
    const text = textOf(page.html);
    for (const expected of [
      'Partner AFM',
      'Unit Programme Support Unit',
      'Office AFM Somalia — Programme Support',
      'Where Nairobi, Kenya',
      'Duration 9 months',
      'Start Between 1 July 2026 and 15 August 2026',
      'Places 2',
      'Apply by 31 March 2026',
      'Goal 1: No poverty',
      'Goal 5: Gender equality',
    ]) {
      assert.ok(text.includes(expected), expected);
    }
    assert.match(text, /Apply by 31 March 2026,? (at )?\d\d:\d\d BST \(Europe\/London\)/);
    assert.ok(page.html.includes(`href="/posts/${p.support?.id}"`));
  });

  test('each filter narrows the list', async () => {
    const cases: [string, string[]][] = [
      [`?country=CH`, ['Labour Mobility Policy Intern']],
      [`?country=ke`, ['Programme Support Intern']],
      ['?region=Asia', ['Climate Adaptation Assistant']],
      ['?region=Oceania', ['Ocean Science Intern']],
      ['?region=Africa', ['Programme Support Intern']],
      [`?partner=${trust.id}`, ['Ocean Science Intern']],
      [`?office=${nairobi.id}`, ['Programme Support Intern']],
      ['?unit=Programme+Support+Unit', ['Climate Adaptation Assistant', 'Programme Support Intern']],
      ['?unit=programme+support+unit', ['Climate Adaptation Assistant', 'Programme Support Intern']],
      ['?minMonths=5&maxMonths=6', ['Labour Mobility Policy Intern', 'Ocean Science Intern']],
      ['?maxMonths=4', ['Climate Adaptation Assistant']],
      ['?minMonths=9&maxMonths=5', ['Labour Mobility Policy Intern', 'Ocean Science Intern', 'Programme Support Intern']],
      ['?start=2026-09', ['Labour Mobility Policy Intern', 'Ocean Science Intern']],
      ['?start=2026-08', ['Programme Support Intern']],
      ['?start=2026-11', ['Climate Adaptation Assistant']],
      ['?start=2026-06', []],
      ['?level=recent_graduate', ['Programme Support Intern']],
      ['?level=UG', ['Climate Adaptation Assistant', 'Ocean Science Intern', 'Programme Support Intern']],
      ['?sdg=13', ['Climate Adaptation Assistant', 'Ocean Science Intern']],
      ['?sdg=16', ['Labour Mobility Policy Intern']],
    ];
    for (const [query, expected] of cases) {
      const page = await list(`${query}&sort=title`);
      assert.deepEqual(page.titles, expected, query);
      assert.equal(page.heading, `${expected.length} ${expected.length === 1 ? 'post' : 'posts'}`, query);
    }
  });

  test('filters combine', async () => {
    assert.deepEqual((await list('?level=UG&minMonths=5&sort=title')).titles, ['Ocean Science Intern', 'Programme Support Intern']);
    assert.deepEqual((await list('?level=UG&minMonths=5&country=FJ')).titles, ['Ocean Science Intern']);
    assert.deepEqual((await list('?sdg=13&region=Asia')).titles, ['Climate Adaptation Assistant']);
    assert.deepEqual((await list(`?partner=${afm.id}&region=Europe&q=mobility`)).titles, ['Labour Mobility Policy Intern']);
    assert.deepEqual((await list(`?partner=${afm.id}&region=Oceania`)).titles, []);
  });

  test('text search: title, description, duties, unit, office, city, country and the country served', async () => {
    const cases: [string, string[]][] = [
      ['resilience', ['Programme Support Intern']],
      ['monitoring', ['Programme Support Intern']],
      ['SOMALIA', ['Programme Support Intern']],
      ['vientiane', ['Climate Adaptation Assistant']],
      ['switzerland', ['Labour Mobility Policy Intern']],
      ['policy unit', ['Labour Mobility Policy Intern']],
      ['headquarters', ['Labour Mobility Policy Intern']],
      ['fiji coastal', ['Ocean Science Intern']],
      ['climate', ['Climate Adaptation Assistant', 'Ocean Science Intern']],
      ['ocean trust', ['Ocean Science Intern']],
      ['mobil', ['Labour Mobility Policy Intern']],
      ['nothing-like-this', []],
    ];
    for (const [q, expected] of cases) {
      assert.deepEqual((await list(`?q=${encodeURIComponent(q)}&sort=title`)).titles, expected, q);
    }
    const page = await list('?q=%3Cb%3Ezzqq%3C%2Fb%3E');
    assert.equal(page.heading, '0 posts');
    assert.ok(!page.html.includes('<b>zzqq'), 'the query is shown escaped');
    assert.ok(page.html.includes('value="&lt;b>zzqq&lt;/b>"'));
  });

  test('sorting by closing date, title, duration and newest', async () => {
    const byDeadline = (await list('')).titles;
    assert.deepEqual(byDeadline.slice(0, 5), ['Climate Adaptation Assistant', 'Labour Mobility Policy Intern', 'Ocean Science Intern', 'Programme Support Intern', 'Network Post 01']);
    assert.deepEqual((await list('?sort=duration')).titles.slice(0, 4), ['Climate Adaptation Assistant', 'Ocean Science Intern', 'Labour Mobility Policy Intern', 'Programme Support Intern']);
    assert.deepEqual((await list('?sort=newest')).titles.slice(0, 3), ['Network Post 25', 'Network Post 24', 'Network Post 23']);
    assert.deepEqual((await list('?sort=title')).titles.slice(0, 2), ['Climate Adaptation Assistant', 'Labour Mobility Policy Intern']);
    const page = await list('?sort=title&region=Europe');
    assert.match(page.html, /<a href="\/posts\?region=Europe&amp;sort=title" aria-current="true"/);
    assert.ok(page.html.includes('href="/posts?region=Europe&amp;sort=duration"'), 'sort links keep the filters');
  });

  test('pagination: 20 a page, links keep the filters, a page past the end shows the last', async () => {
    const first = await list(`?partner=${bulk.id}&sort=title`);
    assert.equal(first.heading, '25 posts');
    assert.deepEqual(first.titles, Array.from({ length: 20 }, (_, i) => `Network Post ${String(i + 1).padStart(2, '0')}`));
    assert.ok(first.html.includes(`href="/posts?partner=${bulk.id}&amp;sort=title&amp;page=2" rel="next"`));
    const second = await list(`?partner=${bulk.id}&sort=title&page=2`);
    assert.deepEqual(second.titles, ['Network Post 21', 'Network Post 22', 'Network Post 23', 'Network Post 24', 'Network Post 25']);
    const past = await list(`?partner=${bulk.id}&sort=title&page=99`);
    assert.deepEqual(past.titles, second.titles);
  });

  test('bad filter values are ignored, never an error', async () => {
    const junk = [
      '?country=XX&region=Mars&partner=not-an-id&office=1&unit=&minMonths=abc&maxMonths=-4&start=2026-13&level=phd&sdg=99&eligible=yes&sort=evil&page=-3',
      '?country=KE&country=FR',
      '?q[]=x&page[a]=1',
      `?q=${'x'.repeat(500)}`,
      '?sdg=1.5&minMonths=1e3&start=2026-1',
      '?page=99999999999999999999',
    ];
    for (const query of junk) {
      const response = await visitor().get(`/posts${query}`);
      assert.equal(response.statusCode, 200, query);
    }
    assert.equal((await list(junk[0] ?? '')).heading, `${OPEN_COUNT} posts`);
  });

  test('the map: one marker per office with its count, linking to that office’s posts; labelled, with a text list', async () => {
    const page = await list('');
    assert.match(page.html, /<svg[^>]*role="group"[^>]*aria-labelledby="catalogue-map-title"/);
    assert.match(page.html, /<title id="catalogue-map-title">Map of the duty stations<\/title>/);
    assert.ok(page.html.includes('<title>MPN Toronto, Toronto, Canada: 25 posts</title>'));
    assert.ok(page.html.includes('<title>AFM Somalia — Programme Support, Nairobi, Kenya: 1 post</title>'));
    assert.equal((page.html.match(/class="map-marker"/g) ?? []).length, 5, 'five offices with open posts');
    assert.ok(page.html.includes(`href="/posts?office=${nairobi.id}"`));
    const atOffice = await list(`?office=${geneva.id}`);
    assert.deepEqual(atOffice.titles, ['Labour Mobility Policy Intern']);
    assert.match(textOf(atOffice.html), /Showing posts at AFM Headquarters only\./);
    const filtered = await list('?region=Asia');
    assert.equal((filtered.html.match(/class="map-marker"/g) ?? []).length, 1, 'the map follows the filters');
    assert.match(textOf(filtered.html), /The duty stations as a list \(1\) AFM Lao PDR, Vientiane, Laos ?: 1 post/);
  });

  test('a change to the posts shows at once', async () => {
    const late = await createPost(t.database.db, { round: (await createRound(t.database.db, trust, t.clock.now())), office: suva }, { title: 'Late Addition' });
    assert.deepEqual((await list('?q=late+addition')).titles, ['Late Addition']);
    const { posts } = await import('./posts.tables.ts');
    const { eq } = await import('drizzle-orm');
    await t.database.db.update(posts).set({ status: 'closed' }).where(eq(posts.id, late.id));
    assert.deepEqual((await list('?q=late+addition')).titles, []);
  });

  test('rounds open and close with the clock', async () => {
    const saved = t.clock.now();
    try {
      t.clock.set(new Date(saved.getTime() + 31 * 24 * 60 * MINUTE));
      const later = await list('');
      assert.equal(later.heading, '26 posts', 'the first round has closed; the network round is still open; the future round has opened');
      t.clock.set(new Date(saved.getTime() + 35 * 24 * 60 * MINUTE));
      assert.deepEqual((await list('?q=future')).titles, ['Post Of A Future Round']);
    } finally {
      t.clock.set(saved);
    }
  });
});

describe('a post', () => {
  test('every detail, with texts as paragraphs and lists, times in the station’s and the viewer’s zone', async () => {
    const response = await visitor().get(`/posts/${p.support?.id}`);
    assert.equal(response.statusCode, 200);
    const text = textOf(response.body);
    assert.match(response.body, /<h1>Programme Support Intern<\/h1>/);
    for (const expected of [
      'Partner Agency for Migration (AFM)',
      'Unit Programme Support Unit',
      'Office AFM Somalia — Programme Support',
      'Mission served Somalia',
      'Duty station Nairobi, Kenya',
      'Duration 9 months',
      'Start Between 1 July 2026 and 15 August 2026',
      'Places 2',
      'Working pattern On site',
      'Partner stipend USD 500.00 per month',
      'Round Second cohort',
      'Partner reference AFM-2026-007',
      'Level of study Undergraduates, postgraduates or recent graduates (within 12 months)',
      'Courses Any course',
      'Year of study Any year of study',
      'Languages No language requirement',
      'Goal 1: No poverty',
      'Goal 5: Gender equality',
      'Duties Monitoring and reporting.',
      'Required Good writing.',
      'Desirable Field experience.',
      'Sign in or register to apply.',
    ]) {
      assert.ok(text.includes(expected), expected);
    }
    // test clock: 2 March 2026, 09:00 UTC
    assert.match(text, /Local time there now 2 March 2026,? (at )?12:00 (EAT|GMT\+3) \(Africa\/Nairobi\)/);
    assert.match(text, /Applications close 31 March 2026,? (at )?12:00 (EAT|GMT\+3) \(Africa\/Nairobi\) ?, which is 31 March 2026,? (at )?10:00 BST \(Europe\/London\)/);
    assert.match(response.body, /<svg[^>]*map--focus/);
    assert.ok(!response.body.includes('door code'), 'an office’s private notes never show');
    assert.ok(!response.body.includes('Students cannot see this post'));

    const policy = textOf((await visitor().get(`/posts/${p.policy?.id}`)).body);
    assert.ok(policy.includes('Languages French at B2 or above'));
    assert.ok(policy.includes('Partner stipend No partner stipend'));
    assert.ok(policy.includes('Level of study Postgraduates'));
    const policyHtml = (await visitor().get(`/posts/${p.policy?.id}`)).body;
    assert.match(policyHtml, /<p>Research labour mobility agreements\.<\/p><ul><li>draft briefs<\/li><li>analyse data<\/li><\/ul>/);
    const lao = textOf((await visitor().get(`/posts/${p.lao?.id}`)).body);
    assert.ok(lao.includes('Courses Geography'));
    assert.ok(lao.includes('Year of study Year 2 of study or later'));
  });

  test('HTML in a description is shown as text', async () => {
    const response = await visitor().get(`/posts/${p.pacific?.id}`);
    assert.equal(response.statusCode, 200);
    assert.ok(!response.body.includes('<script>alert'));
    assert.ok(!response.body.includes('<b>bold'));
    assert.ok(response.body.includes('&lt;script>alert(&quot;owned&quot;)&lt;/script>') || response.body.includes('&lt;script>alert("owned")&lt;/script>'));
    assert.match(textOf(response.body), /Coastal surveys\. <script>alert\("owned"\)<\/script> <b>bold claim<\/b>/);
  });

  test('drafts, other statuses and posts of rounds not open are 404 for the public and for students', async () => {
    const { agent: student } = await signInAs(t, 'student');
    for (const post of [p.afmDraft, p.trustDraft, p.closedRound, p.futureRound]) {
      assert.equal((await visitor().get(`/posts/${post?.id}`)).statusCode, 404, post?.title);
      assert.equal((await student.get(`/posts/${post?.id}`)).statusCode, 404, post?.title);
    }
    assert.equal((await visitor().get(`/posts/${randomUUID()}`)).statusCode, 404);
    assert.equal((await visitor().get('/posts/not-a-post')).statusCode, 404);
    assert.equal((await visitor().get("/posts/1' or '1'='1")).statusCode, 404);
  });

  test('a partner’s users see their own organisation’s posts in any status, and 404 for another partner’s', async () => {
    const { agent: admin } = await signInWithOrganisation(t, 'partner_admin', afm);
    const own = await admin.get(`/posts/${p.afmDraft?.id}`);
    assert.equal(own.statusCode, 200);
    assert.match(textOf(own.body), /Students cannot see this post Status: Draft/);
    assert.ok(own.body.includes(`href="/manage/posts/${p.afmDraft?.id}"`));
    assert.equal((await admin.get(`/posts/${p.closedRound?.id}`)).statusCode, 200);
    assert.equal((await admin.get(`/posts/${p.trustDraft?.id}`)).statusCode, 404);
    assert.equal((await admin.get(`/posts/${p.pacific?.id}`)).statusCode, 200, 'another partner’s published post of an open round is public');

    const { agent: reviewer } = await signInWithOrganisation(t, 'partner_reviewer', trust);
    const reviewed = await reviewer.get(`/posts/${p.trustDraft?.id}`);
    assert.equal(reviewed.statusCode, 200);
    assert.ok(!reviewed.body.includes('/manage/posts/'), 'reviewers do not manage posts');
    assert.equal((await reviewer.get(`/posts/${p.afmDraft?.id}`)).statusCode, 404);

    const { agent: staff } = await signInAs(t, 'staff');
    for (const post of [p.afmDraft, p.trustDraft, p.closedRound, p.futureRound]) assert.equal((await staff.get(`/posts/${post?.id}`)).statusCode, 200, post?.title);
    const { agent: funder } = await signInWithOrganisation(t, 'funder', afm);
    assert.equal((await funder.get(`/posts/${p.afmDraft?.id}`)).statusCode, 404, 'a funder linked to the organisation is not its partner user');
  });
});

describe('eligibility', () => {
  async function studentWithProfile(fields: Record<string, string>) {
    const { agent, user } = await signInAs(t, 'student');
    const saved = await agent.post('/profile', { studentNumber: newStudentNumber(), courseId: historyUg.id, nationality: 'GB', yearOfStudy: '1', expectedGraduation: '2028-06-30', language1: 'en', level1: 'C2', ...fields });
    assert.equal(saved.statusCode, 303);
    return { agent, user };
  }

  test('a student without study details is asked for them; the eligible-only choice is not offered yet', async () => {
    const { agent } = await signInAs(t, 'student');
    const detail = await agent.get(`/posts/${p.support?.id}`);
    assert.match(detail.body, /<a href="\/profile">Add your study details to see whether you are eligible<\/a>/);
    const page = await list('?eligible=1', agent);
    assert.equal(page.heading, `${OPEN_COUNT} posts`);
    assert.ok(!page.html.includes('name="eligible"'));
    assert.match(page.html, /<a href="\/profile">Add your study details to see which posts you are eligible for<\/a>/);
  });

  test('the post page says "You are eligible", or each reason why not', async () => {
    const { agent } = await studentWithProfile({});
    assert.match(textOf((await agent.get(`/posts/${p.support?.id}`)).body), /You are eligible/);
    const policy = textOf((await agent.get(`/posts/${p.policy?.id}`)).body);
    assert.match(policy, /You are not eligible for this post/);
    assert.ok(policy.includes('This post is for postgraduates; you are an undergraduate.'));
    assert.ok(policy.includes('This post needs French at B2 or above; your profile does not list French.'));
    const lao = textOf((await agent.get(`/posts/${p.lao?.id}`)).body);
    assert.ok(lao.includes('This post is open to students of Geography; your course is History.'));
    assert.ok(lao.includes('This post needs you to be in year 2 of your studies or later; you are in year 1.'));
    assert.ok(!lao.includes('You are eligible'));
  });

  test('a graduate of the last year counts as a recent graduate', async () => {
    const { agent } = await studentWithProfile({ expectedGraduation: '2025-07-15' });
    assert.match(textOf((await agent.get(`/posts/${p.support?.id}`)).body), /You are eligible/);
    assert.match(textOf((await agent.get(`/posts/${p.pacific?.id}`)).body), /This post is for undergraduates; you are a recent graduate\./);
  });

  test('"only posts I am eligible for" applies the student’s profile after the other filters', async () => {
    const { agent } = await studentWithProfile({});
    const all = await list('', agent);
    assert.ok(all.html.includes('name="eligible"'), 'offered to a student with study details');
    const eligible = await list('?eligible=1&sort=title', agent);
    assert.deepEqual(eligible.titles, ['Ocean Science Intern', 'Programme Support Intern']);
    assert.equal(eligible.heading, '2 posts');
    assert.match(eligible.html, /name="eligible"[^>]*checked/);
    assert.deepEqual((await list('?eligible=1&region=Africa', agent)).titles, ['Programme Support Intern']);
    const { agent: french } = await studentWithProfile({ courseId: historyPg.id, language2: 'fr', level2: 'C1' });
    assert.deepEqual((await list(`?eligible=1&sort=title&partner=${afm.id}`, french)).titles, ['Labour Mobility Policy Intern', 'Programme Support Intern']);
    const { agent: staff } = await signInAs(t, 'staff');
    assert.equal((await list('?eligible=1', staff)).heading, `${OPEN_COUNT} posts`, 'ignored for anyone but a student');
  });
});

// The catalogue keeps the parts of its pages that are the same for every viewer (catalogue-pages.ts).
describe('the page cache', () => {
  test('a cached page shows a post published a moment ago, and a change to a post', async () => {
    assert.equal((await list('')).heading, `${OPEN_COUNT} posts`);
    assert.equal((await list('')).heading, `${OPEN_COUNT} posts`, 'served from the cache');
    const detail = async (id: string) => textOf((await visitor().get(`/posts/${id}`)).body);
    assert.ok((await detail(p.lao?.id ?? '')).includes('Climate Adaptation Assistant'));
    const { posts } = await import('./posts.tables.ts');
    const { eq } = await import('drizzle-orm');
    const fresh = await createPost(t.database.db, { round: await createRound(t.database.db, trust, t.clock.now()), office: suva }, { title: 'Just Published' });
    try {
      const page = await list('');
      assert.equal(page.heading, `${OPEN_COUNT + 1} posts`);
      await t.database.db.update(posts).set({ places: 7 }).where(eq(posts.id, p.lao?.id ?? ''));
      assert.match(await detail(p.lao?.id ?? ''), /Places 7/);
    } finally {
      await t.database.db.update(posts).set({ status: 'closed' }).where(eq(posts.id, fresh.id));
      await t.database.db.update(posts).set({ places: 1 }).where(eq(posts.id, p.lao?.id ?? ''));
    }
    assert.equal((await list('')).heading, `${OPEN_COUNT} posts`);
  });

  test('signed-out visitors share one encoded page, with nothing of anyone in it', async () => {
    const first = await visitor().get('/posts?sort=title');
    const second = await visitor().get('/posts?sort=title');
    assert.equal(first.statusCode, 200);
    assert.equal(second.body, first.body);
    assert.doesNotMatch(first.body, /name="_csrf"|Signed in as/);
  });

  test('a round closing by the clock drops its posts from a cached page', async () => {
    assert.equal((await list('?sort=title')).heading, `${OPEN_COUNT} posts`);
    const saved = t.clock.now();
    try {
      t.clock.set(new Date(saved.getTime() + 31 * 24 * 60 * MINUTE));
      const later = await list('?sort=title');
      assert.equal(later.heading, '26 posts');
      assert.ok(!later.titles.includes('Labour Mobility Policy Intern'));
      assert.equal((await visitor().get(`/posts/${p.policy?.id}`)).statusCode, 404, 'nor its page');
    } finally {
      t.clock.set(saved);
    }
  });

  test('a signed-in viewer’s header is theirs, never another viewer’s', async () => {
    const people = ['Ada Cachetest', 'Grace Cachetest'];
    for (const name of people) {
      const user = await createUser(t.database.db, { roles: ['student'], name, now: t.clock.now() });
      const agent = new TestAgent(t.app);
      assert.equal((await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD })).statusCode, 303);
      for (const path of ['/posts', `/posts/${p.support?.id}`]) {
        const html = (await agent.get(path)).body;
        assert.match(textOf(html), new RegExp(`Signed in as ${name}`), path);
        for (const other of people.filter((n) => n !== name)) assert.ok(!html.includes(other), `${path} shows ${other} to ${name}`);
      }
    }
    const anonymous = (await visitor().get('/posts')).body;
    assert.ok(!anonymous.includes('Cachetest') && anonymous.includes('Anyone can browse the posts'));
  });

  test('"only posts I am eligible for" is each student’s own on the same URL', async () => {
    const signIn = async (fields: Record<string, string>) => {
      const { agent } = await signInAs(t, 'student');
      const saved = await agent.post('/profile', { studentNumber: newStudentNumber(), courseId: historyUg.id, nationality: 'GB', yearOfStudy: '1', expectedGraduation: '2028-06-30', language1: 'en', level1: 'C2', ...fields });
      assert.equal(saved.statusCode, 303);
      return agent;
    };
    const undergraduate = await signIn({});
    const postgraduate = await signIn({ courseId: historyPg.id, language2: 'fr', level2: 'C1' });
    const url = `?eligible=1&sort=title&partner=${afm.id}`;
    assert.deepEqual((await list(url, undergraduate)).titles, ['Programme Support Intern']);
    assert.deepEqual((await list(url, postgraduate)).titles, ['Labour Mobility Policy Intern', 'Programme Support Intern']);
    assert.deepEqual((await list(url, undergraduate)).titles, ['Programme Support Intern']);
    assert.equal((await list(`?sort=title&partner=${afm.id}`, undergraduate)).heading, '3 posts', 'without the choice, the shared page');
  });
});
