import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { users } from '../../src/modules/accounts/accounts.tables.ts';
import { interviewPanel, interviewSlots, rubricCriteria, shortlistDecisions, shortlistEntries } from '../../src/modules/selection/selection.tables.ts';
import { dayIn, zonedToUtc } from '../../src/platform/time/zoned.ts';
import { formatDateTime } from '../../src/platform/views/DateTime.tsx';
import { createOffice, createOrganisation, createPost, createRound } from '../helpers/catalogue-factories.ts';
import { createUser, TEST_PASSWORD } from '../helpers/factories.ts';
import { createApplicant } from '../helpers/shortlist-factories.ts';
import { HOUR, MINUTE } from '../helpers/test-clock.ts';
import { Tab } from './helpers/browser.ts';
import { mailTo, signIn } from './helpers/flows.ts';
import { e2eSuite } from './helpers/suite.ts';

const suite = e2eSuite();
const DAY = 24 * HOUR;
const OFFICE_ZONE = 'Europe/Zurich';
const STUDENT_ZONE = 'America/New_York';

// Press Enter on the focused control and wait for the document it loads; checks it with axe.
async function pressEnter(tab: Tab): Promise<number> {
  const loaded = tab.page.waitForEvent('load');
  await tab.page.keyboard.press('Enter');
  await loaded;
  await tab.checkAccessibility();
  await checkStructure(tab);
  return tab.status;
}

// What axe's WCAG rules leave out: one h1, headings that go down one level at a time, and every data
// table with a caption and header cells.
async function checkStructure(tab: Tab): Promise<void> {
  const problems = await tab.page.evaluate(() => {
    const found: string[] = [];
    const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({ level: Number(h.tagName.slice(1)), text: (h.textContent ?? '').trim() }));
    if (levels.filter((h) => h.level === 1).length !== 1) found.push(`${levels.filter((h) => h.level === 1).length} h1 headings`);
    levels.forEach((h, i) => {
      const before = i === 0 ? 0 : (levels[i - 1]?.level ?? 0);
      if (h.level > before + 1) found.push(`heading "${h.text}" (h${h.level}) after h${before}`);
    });
    for (const table of document.querySelectorAll('table')) {
      const name = (table.caption?.textContent ?? '').trim();
      if (name === '') found.push('a table without a caption');
      if (table.querySelectorAll('th').length === 0) found.push(`table "${name}" without header cells`);
      for (const th of table.querySelectorAll('tbody th')) if (!th.hasAttribute('scope')) found.push(`table "${name}": a row header without scope`);
    }
    return found;
  });
  assert.deepEqual(problems, [], `page structure of ${tab.page.url()}`);
}

const go = async (tab: Tab, path: string): Promise<number> => {
  const status = await tab.visit(path);
  await checkStructure(tab);
  return status;
};

const act = async (tab: Tab, target: Locator): Promise<number> => {
  const status = await tab.activate(target);
  await checkStructure(tab);
  return status;
};

const mainText = (tab: Tab) => tab.page.locator('main').innerText();

// A partner with one post of one place, its coordinator and a reviewer, a round past its application
// deadline with a rubric, and two candidates on the post's fixed shortlist. The second candidate's
// interview has already taken place (inserted directly); the first books hers in the browser.
async function journeyData() {
  const db = suite.server.testApp.database.db;
  const now = new Date();
  const partner = await createOrganisation(db, { name: 'Agency for Refugees', shortName: 'AFR', now });
  const office = await createOffice(db, partner, { city: 'Geneva', country: 'CH', latitude: 46.2, longitude: 6.14, timeZone: OFFICE_ZONE, now });
  const round = await createRound(db, partner, now, { name: 'Journey round', opensInDays: -40, closesInDays: -3 });
  const post = await createPost(db, { round, office }, { title: 'Protection Intern', places: 1, createdAt: now });
  const admin = await createUser(db, { role: 'partner_admin', name: 'Alma Coordinator', now });
  const reviewer = await createUser(db, { role: 'partner_reviewer', name: 'Rui Panellist', now });
  for (const u of [admin, reviewer]) await db.update(users).set({ organisationId: partner.id }).where(eq(users.id, u.id));
  const staff = await createUser(db, { role: 'staff', name: 'Sol Staff', now });
  await db.insert(rubricCriteria).values([
    { roundId: round.id, position: 1, name: 'Motivation', weight: 2, descriptors: ['Weak', 'Fair', 'Good', 'Strong', 'Excellent'], createdAt: now, updatedAt: now },
    { roundId: round.id, position: 2, name: 'Languages', weight: 1, descriptors: ['Weak', 'Fair', 'Good', 'Strong', 'Excellent'], createdAt: now, updatedAt: now },
  ]);
  const sam = await createApplicant(db, { round, posts: [post], name: 'Sam Candidate', now });
  const tess = await createApplicant(db, { round, posts: [post], name: 'Tess Candidate', now });
  await db.update(users).set({ timeZone: STUDENT_ZONE }).where(eq(users.id, sam.user.id));
  await db.insert(shortlistEntries).values([sam, tess].map((a) => ({ postId: post.id, applicationId: a.applicationId, addedBy: admin.id, addedAt: now })));
  await db.insert(shortlistDecisions).values({ postId: post.id, fixedBy: admin.id, fixedAt: now });
  const past = new Date(now.getTime() - 2 * DAY);
  const [tessSlot] = await db
    .insert(interviewSlots)
    .values({ postId: post.id, startsAt: past, minutes: 30, kind: 'video', location: 'https://meet.example.org/tess', applicationId: tess.applicationId, bookedAt: past, createdBy: admin.id, createdAt: past, updatedAt: past })
    .returning();
  assert.ok(tessSlot);
  await db.insert(interviewPanel).values({ slotId: tessSlot.id, memberId: reviewer.id });
  return { round, post, admin, reviewer, staff, sam, tess };
}

test('interview, scores, ranking, allocation, offer and placement: the whole selection journey by keyboard, every page passing axe', async () => {
  const db = suite.server.testApp.database.db;
  const { round, post, admin, reviewer, staff, sam, tess } = await journeyData();

  // 1. the partner admin adds an interview slot, in the office's zone, by video, with a panel
  const coordinator = await Tab.open(suite.browser, suite.server.baseUrl);
  assert.equal(await signIn(coordinator, admin.email, TEST_PASSWORD), 200);
  assert.equal(await go(coordinator, `/posts/${post.id}/interviews`), 200);
  assert.equal(await coordinator.heading(), 'Interviews Protection Intern');
  const date = dayIn(new Date(Date.now() + 5 * DAY), OFFICE_ZONE);
  const startsAt = zonedToUtc(`${date}T10:00`, OFFICE_ZONE);
  assert.ok(startsAt);
  const cp = coordinator.page;
  await cp.getByLabel('Date', { exact: true }).fill(date);
  await cp.getByLabel('Start time').fill('10:00');
  await cp.getByLabel('Length in minutes').fill('40');
  await cp.getByRole('radio', { name: 'By video call' }).check();
  await cp.getByLabel('Video link (for a video call)').fill('https://meet.example.org/protection-1');
  await cp.getByRole('checkbox', { name: reviewer.name }).check();
  assert.equal(await act(coordinator, cp.getByRole('button', { name: 'Add slot' })), 200);
  assert.match(await mainText(coordinator), /Interview slot added/);
  const slots = coordinator.page.getByRole('table', { name: 'Interview slots' });
  assert.equal(await slots.getByRole('row').filter({ hasText: formatDateTime(startsAt, OFFICE_ZONE) }).filter({ hasText: 'Free' }).count(), 1);
  const [slot] = await db.select().from(interviewSlots).where(eq(interviewSlots.startsAt, startsAt));
  assert.ok(slot);
  assert.equal(slot.minutes, 40);

  // 2. the candidate sees the slot in her own zone and books it with the keyboard
  const student = await Tab.open(suite.browser, suite.server.baseUrl);
  const sp = student.page;
  assert.equal(await signIn(student, sam.user.email, TEST_PASSWORD), 200);
  assert.equal(await go(student, `/applications/${sam.applicationId}/interviews`), 200);
  assert.equal(await student.heading(), 'Your interviews');
  const free = sp.getByRole('table', { name: 'Free times for Protection Intern' });
  const shownTime = formatDateTime(startsAt, STUDENT_ZONE);
  assert.equal(await free.getByRole('row').filter({ hasText: shownTime }).count(), 1, `the slot in ${STUDENT_ZONE}`);
  await sp.getByRole('button', { name: `Book this time (${shownTime})` }).focus();
  assert.equal(await pressEnter(student), 200);
  assert.match(await mainText(student), /Your interview is booked: Protection Intern/);
  assert.equal(await sp.getByRole('heading', { name: 'Your interview', level: 3 }).count(), 1);
  assert.match(await mainText(student), /meet\.example\.org\/protection-1/);
  const invitation = await mailTo(suite.server, sam.user.email, 'Interview booked: Protection Intern');
  assert.match(invitation.raw, /text\/calendar/i);

  // 3. time passes (the e2e clock follows real time, so the interview is moved into the past) and the
  // panel member scores the rubric, by keyboard only
  const started = new Date(Math.floor((Date.now() - 30 * MINUTE) / MINUTE) * MINUTE);
  await db.update(interviewSlots).set({ startsAt: started }).where(eq(interviewSlots.id, slot.id));
  const panellist = await Tab.open(suite.browser, suite.server.baseUrl);
  const pp = panellist.page;
  assert.equal(await signIn(panellist, reviewer.email, TEST_PASSWORD), 200);
  assert.equal(await go(panellist, '/interviews'), 200);
  assert.equal(await act(panellist, pp.getByRole('row').filter({ hasText: formatDateTime(started, OFFICE_ZONE) }).getByRole('link', { name: /^Record scores/ })), 200);
  assert.equal(await panellist.heading(), 'Interview of Sam Candidate Protection Intern');
  // into the first radio group; Space picks 1, the arrows move the choice; Tab goes on to the next group
  await pp.getByRole('group', { name: 'Motivation (weight 2)' }).getByRole('radio').first().focus();
  await pp.keyboard.press('Space');
  for (let i = 0; i < 3; i++) await pp.keyboard.press('ArrowDown');
  await pp.keyboard.press('Tab');
  await pp.keyboard.press('Space');
  for (let i = 0; i < 2; i++) await pp.keyboard.press('ArrowDown');
  await pp.keyboard.press('Tab');
  await pp.keyboard.type('Clear answers on protection casework.');
  await pp.keyboard.press('Tab');
  assert.ok(await panellist.isFocused(pp.getByRole('button', { name: 'Submit scores' })), 'Tab reaches the submit button');
  assert.equal(await pressEnter(panellist), 200);
  assert.match(await mainText(panellist), /Your interview scores have been submitted/);
  const own = await mainText(panellist);
  assert.match(own, /Motivation\s+4 of 5/);
  assert.match(own, /Languages\s+3 of 5/);
  assert.match(own, /Clear answers on protection casework\./);
  await panellist.close();

  // 4. the partner admin ranks: Sam first, Tess not appointable (keyboard on the select and the checkbox)
  assert.equal(await go(coordinator, `/posts/${post.id}/ranking`), 200);
  assert.equal(await coordinator.heading(), 'Ranking: Protection Intern');
  const ranking = cp.getByRole('table', { name: /2 interviewed candidates/ });
  assert.equal(await ranking.getByRole('row').filter({ hasText: 'Sam Candidate' }).count(), 1);
  await cp.getByLabel('Position of Sam Candidate').focus();
  await cp.keyboard.press('ArrowDown');
  assert.equal(await cp.getByLabel('Position of Sam Candidate').inputValue(), '1');
  await cp.getByRole('checkbox', { name: /^Not appointable\s*: Tess Candidate$/ }).focus();
  await cp.keyboard.press('Space');
  assert.ok(await cp.getByRole('checkbox', { name: /^Not appointable\s*: Tess Candidate$/ }).isChecked());
  await cp.getByRole('button', { name: 'Save ranking' }).focus();
  assert.equal(await pressEnter(coordinator), 200);
  assert.match(await mainText(coordinator), /Ranking saved: 1 ranked, 1 not appointable\./);

  // 5. staff: a dry run, its statistics, then publishing it
  const office = await Tab.open(suite.browser, suite.server.baseUrl);
  const op = office.page;
  assert.equal(await signIn(office, staff.email, TEST_PASSWORD), 200);
  assert.equal(await go(office, `/rounds/${round.id}/allocation`), 200);
  assert.equal(await office.heading(), 'Allocation: Journey round');
  assert.equal(await op.getByRole('table', { name: /published post/ }).getByRole('row').filter({ hasText: 'Protection Intern' }).count(), 1);
  await op.getByRole('button', { name: 'Dry run' }).focus();
  assert.equal(await pressEnter(office), 200);
  assert.match(op.url(), /\/allocation-runs\/[0-9a-f-]{36}$/);
  assert.equal(await office.heading(), 'Allocation run 1: Journey round');
  const stats = await mainText(office);
  assert.match(stats, /Students taking part\s+2/);
  assert.match(stats, /Matched\s+1 \(50\.0%\)/);
  assert.match(stats, /In their first choice\s+1 \(/);
  assert.match(stats, /Unplaced\s+1/);
  assert.match(stats, /Places left empty\s+0/);
  const runPath = new URL(op.url()).pathname;
  assert.equal(await go(office, `${runPath}/publish`), 200);
  assert.equal(await office.heading(), 'Publish run 1 of Journey round');
  assert.notEqual(await op.getByLabel('Students must answer their offers by').inputValue(), '', 'a deadline is proposed');
  assert.equal(await act(office, op.getByRole('button', { name: 'Publish and send offers' })), 200);
  assert.match(await mainText(office), /Run 1 published: 1 new offer/);
  assert.equal(new URL(op.url()).pathname, `/rounds/${round.id}/offers`);
  const offerMail = await mailTo(suite.server, sam.user.email, 'Your internship offer: Protection Intern');
  assert.match(offerMail.text, /Protection Intern/);

  // 6. the candidate reads her outcome, opens the offer and accepts it with the keyboard
  assert.equal(await go(student, `/applications/${sam.applicationId}/outcome`), 200);
  assert.equal(await student.heading(), 'Your outcome in Journey round');
  assert.match(await mainText(student), /You were placed in Protection Intern at Agency for Refugees, your 1st choice/);
  assert.equal(await act(student, sp.getByRole('table', { name: 'Your offers' }).getByRole('link', { name: 'Protection Intern' })), 200);
  assert.equal(await student.heading(), 'Your offer: Protection Intern');
  await sp.getByRole('button', { name: 'Accept this offer' }).focus();
  assert.equal(await pressEnter(student), 200);
  const accepted = await mainText(student);
  assert.match(accepted, /Your placement is pending funding/);
  assert.match(accepted, /Status\s+Accepted/);
  assert.match(accepted, /Answer by\s+[^\n]*\(America\/New York\)/, 'the deadline in the student’s zone');
  await student.close();

  // staff see the placement, pending funding
  assert.equal(await go(office, `/rounds/${round.id}/offers`), 200);
  const placements = op.getByRole('table', { name: '1 placement (pending funding)' }).getByRole('row').filter({ hasText: 'Sam Candidate' });
  assert.match(await placements.innerText(), /Protection Intern\s+Pending funding/);
  await office.close();

  // the candidate the partner would not appoint hears why
  const other = await Tab.open(suite.browser, suite.server.baseUrl);
  assert.equal(await signIn(other, tess.user.email, TEST_PASSWORD), 200);
  assert.equal(await go(other, `/applications/${tess.applicationId}/outcome`), 200);
  assert.match(await mainText(other), /You were not placed in any post/);
  await other.close();

  // 7. the partner admin sees who was placed in the post
  assert.equal(await go(coordinator, `/posts/${post.id}/allocation`), 200);
  assert.equal(await coordinator.heading(), 'Allocation: Protection Intern');
  const placed = cp.getByRole('table', { name: 'Placed in this post' }).getByRole('row').filter({ hasText: 'Sam Candidate' });
  assert.equal(await placed.count(), 1);
  assert.match(await placed.innerText(), /Accepted/);
  await coordinator.close();
});
