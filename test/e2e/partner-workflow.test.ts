import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { formatDay, zonedToUtc } from '../../src/platform/time/zoned.ts';
import { createUser, TEST_PASSWORD } from '../helpers/factories.ts';
import { Tab } from './helpers/browser.ts';
import { mailTo, signIn } from './helpers/flows.ts';
import { e2eSuite } from './helpers/suite.ts';

const suite = e2eSuite();

const DAY = 24 * 60 * 60 * 1000;
const NARROW = { width: 320, height: 720 };
const ROUND_ZONE = 'Europe/London';
// The e2e clock follows real time, so every date is relative to today.
const day = (fromToday: number) => new Date(Date.now() + fromToday * DAY).toISOString().slice(0, 10);
const pathOf = (tab: Tab) => new URL(tab.page.url()).pathname;
// the notice at the top of the main content (a returned post has a second banner, below it)
const notice = (page: Page) => page.getByRole('main').getByRole('status').first().innerText();
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function signedAgreement(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawText('Internship partnership agreement, signed by both parties.', { x: 50, y: 780, size: 12, font: await pdf.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await pdf.save());
}

// What the first test sets up through the UI, for the tests after it.
interface Programme {
  staff: Tab;
  partnerId: string;
  roundUrl: string;
  roundName: string;
}
let programme: Programme | undefined;
function setUp(): Programme {
  assert.ok(programme, 'the programme set-up test must pass first');
  return programme;
}

test('staff add a university and a partner with an office found by city, an agreement with its signed PDF, and a round', async () => {
  const staffUser = await createUser(suite.server.testApp.database.db, { role: 'staff', name: 'Sam Okafor', now: new Date() });
  const tab = await Tab.open(suite.browser, suite.server.baseUrl);
  const { page } = tab;
  assert.equal(await signIn(tab, staffUser.email, TEST_PASSWORD), 200);
  assert.equal(await tab.heading(), 'Welcome, Sam Okafor');
  const nav = page.getByRole('navigation', { name: 'Main' });

  // two organisations: the university, then the partner
  const organisations: [string, string, string][] = [
    ['University', 'University of Example', 'UoE'],
    ['Partner', 'International Organization for Migration', 'IOM'],
  ];
  for (const [kind, name, shortName] of organisations) {
    assert.equal(await tab.activate(nav.getByRole('link', { name: 'Organisations' })), 200);
    assert.equal(await tab.heading(), 'Organisations');
    assert.equal(await tab.activate(page.getByRole('link', { name: 'Add an organisation' })), 200);
    assert.equal(await tab.heading(), 'Add an organisation');
    await page.getByLabel('Kind of organisation').selectOption({ label: kind });
    await page.getByLabel('Name', { exact: true }).first().fill(name);
    await page.getByLabel('Short name').fill(shortName);
    assert.equal(await tab.activate(page.getByRole('button', { name: 'Save' })), 200);
    assert.equal(await notice(page), `${name} added.`);
    assert.match(await tab.heading(), new RegExp(`^${name}\\s+${kind}$`));
  }
  const partnerName = 'International Organization for Migration';
  const partnerId = pathOf(tab).split('/')[2] ?? '';
  assert.match(partnerId, /^[0-9a-f-]{36}$/);

  // the list shows both; the partner opens from it
  assert.equal(await tab.activate(nav.getByRole('link', { name: 'Organisations' })), 200);
  const list = page.getByRole('table', { name: '2 organisations' });
  assert.equal(await list.getByRole('row', { name: /University of Example/ }).getByRole('cell', { name: 'University', exact: true }).count(), 1);
  assert.equal(await tab.activate(list.getByRole('link', { name: partnerName })), 200);
  assert.equal(pathOf(tab), `/partners/${partnerId}`);
  assert.equal(await page.getByRole('table', { name: '0 offices' }).count(), 1);

  // an office, its city found without JavaScript
  assert.equal(await tab.activate(page.getByRole('link', { name: 'Add an office' })), 200);
  assert.equal(await tab.heading(), 'Add an office');
  await page.getByLabel('Office name').fill('IOM Somalia — Programme Support Unit');
  await page.getByLabel('City', { exact: true }).fill('Nairobi');
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Find city' })), 200);
  assert.equal(await page.getByLabel('Office name').inputValue(), 'IOM Somalia — Programme Support Unit', 'finding the city keeps what was typed');
  const choices = page.getByRole('group', { name: 'Choose the city' });
  assert.ok(await tab.isFocused(choices), 'focus should move to the cities found, not stay at the top of the reloaded page');
  const matches = choices.getByRole('radio');
  assert.ok((await matches.count()) >= 1, 'Nairobi should be found');
  const first = matches.first();
  assert.ok(await first.isChecked(), 'the first match is chosen already');
  const kenyan = choices.getByRole('radio', { name: /^Nairobi, .*Kenya \(-1\.\d\d, 36\.\d\d\)$/ }).first();
  assert.equal(await first.getAttribute('value'), await kenyan.getAttribute('value'), 'the first match is Nairobi, Kenya, with its coordinates');
  await first.check();
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Use this city' })), 200);
  assert.equal(await page.getByLabel('City', { exact: true }).inputValue(), 'Nairobi');
  assert.equal(await page.getByLabel('Country', { exact: true }).inputValue(), 'KE');
  assert.equal(Number(await page.getByLabel('Latitude').inputValue()).toFixed(1), '-1.3');
  assert.equal(Number(await page.getByLabel('Longitude').inputValue()).toFixed(1), '36.8');
  assert.equal(await page.getByRole('combobox', { name: 'Time zone', exact: true }).inputValue(), 'Africa/Nairobi', 'a choice of the country’s zones, Nairobi’s chosen');
  assert.equal(await page.getByLabel('Country or mission it serves').inputValue(), 'KE', 'the country served starts as the office’s own');
  await page.getByLabel('Country or mission it serves').selectOption({ label: 'Somalia' });
  await page.getByLabel('Private notes (optional)').fill('Security briefing on arrival.');
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Save office' })), 200);
  assert.equal(pathOf(tab), `/partners/${partnerId}`);
  assert.equal(await notice(page), 'Office added.');
  const office = page.getByRole('table', { name: '1 office' }).getByRole('row', { name: /IOM Somalia/ });
  assert.deepEqual((await office.getByRole('cell').allInnerTexts()).slice(0, 5), ['IOM Somalia — Programme Support Unit', 'Nairobi, Kenya', 'Somalia', 'Africa/Nairobi', 'Security briefing on arrival.']);
  assert.equal(await office.getByRole('link', { name: 'Edit IOM Somalia — Programme Support Unit' }).count(), 1);

  // a unit, after forgetting its name
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Add unit' })), 400);
  assert.equal(await page.title(), `Error: ${partnerName} — Outbound`);
  const unitProblem = page.getByRole('alert', { name: 'There is a problem' });
  assert.ok(await tab.isFocused(unitProblem), 'focus should be on the error summary');
  await unitProblem.getByRole('link', { name: 'Enter the unit’s name' }).click();
  assert.ok(await tab.isFocused(page.getByLabel('Add a unit')));
  await page.getByLabel('Add a unit').fill('Migration Policy Unit');
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Add unit' })), 200);
  assert.equal(await notice(page), 'Unit “Migration Policy Unit” added.');
  assert.deepEqual(await page.getByRole('main').getByRole('listitem').allInnerTexts(), ['Migration Policy Unit']);

  // an agreement with its signed PDF
  assert.equal(await tab.activate(nav.getByRole('link', { name: 'Agreements' })), 200);
  assert.equal(await tab.heading(), 'Agreements');
  assert.equal(await tab.activate(page.getByRole('link', { name: 'Add an agreement' })), 200);
  assert.equal(await tab.heading(), 'Add an agreement');
  await page.getByLabel('University', { exact: true }).selectOption({ label: 'University of Example' });
  await page.getByLabel('Partner', { exact: true }).selectOption({ label: partnerName });
  await page.getByLabel('Title', { exact: true }).fill('IOM internship agreement');
  await page.getByLabel('Signed on (optional)').fill(day(-30));
  await page.getByLabel('Valid from').fill(day(-30));
  await page.getByLabel('Valid to').fill(day(730));
  await page.getByLabel('Posts per round').fill('2');
  await page.getByLabel('Signed document (optional)').setInputFiles({ name: 'IOM agreement signed.pdf', mimeType: 'application/pdf', buffer: await signedAgreement() });
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Save agreement' })), 200);
  assert.equal(await notice(page), 'Agreement saved.');
  assert.equal(await tab.heading(), 'IOM internship agreement');
  const agreementUrl = page.url();
  const documentLink = page.getByRole('link', { name: /^IOM agreement signed\.pdf \(PDF, [\d.]+ (bytes|KB)\)$/ });
  assert.equal(await documentLink.getAttribute('download'), '');
  const pdf = await page.request.get(new URL((await documentLink.getAttribute('href')) ?? '', page.url()).href);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');

  assert.equal(await tab.activate(page.getByRole('link', { name: 'Back to agreements' })), 200);
  const agreements = page.getByRole('table', { name: '1 agreement, expiring soonest first' });
  assert.deepEqual(await agreements.getByRole('row', { name: /IOM internship agreement/ }).getByRole('cell').allInnerTexts(), [
    'IOM internship agreement',
    partnerName,
    'Active',
    `${formatDay(day(-30))} to ${formatDay(day(730))}`,
    '2',
  ]);

  // a round under it, its deadlines typed in the round's time zone
  assert.equal(await tab.activate(agreements.getByRole('link', { name: 'IOM internship agreement' })), 200);
  assert.equal(page.url(), agreementUrl);
  assert.match(await page.getByRole('main').innerText(), /No rounds under this agreement yet\./);
  assert.equal(await tab.activate(page.getByRole('link', { name: 'Add a round' })), 200);
  assert.equal(await tab.heading(), 'Add a round');
  assert.equal(await page.getByLabel('Agreement', { exact: true }).getByRole('option', { selected: true }).innerText(), `IOM internship agreement (${partnerName})`);
  const roundName = 'First cohort';
  await page.getByLabel('Name', { exact: true }).fill(roundName);
  assert.equal(await page.getByLabel('Time zone of the round').inputValue(), ROUND_ZONE);
  const deadlines = { 'Posts due': `${day(1)}T17:00`, 'Applications open': `${day(2)}T09:00`, 'Applications close': `${day(30)}T17:00` };
  for (const [label, value] of Object.entries(deadlines)) await page.getByLabel(label).fill(value);
  const days = { 'Review until': day(40), 'Interviews until': day(50), 'Offers by': day(60), 'Pre-departure from': day(70), 'Placements from': day(90), 'Placements to': day(270) };
  for (const [label, value] of Object.entries(days)) await page.getByLabel(label).fill(value);
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Save round' })), 200);
  assert.equal(await notice(page), `${roundName} added.`);
  assert.equal(await tab.heading(), roundName);
  assert.match(await page.getByRole('main').innerText(), /Partners are submitting posts\s+Under IOM internship agreement\. Times are in the round’s time zone, Europe\/London\./);
  // the timeline, each deadline the instant typed in London
  const timeline = page.getByRole('main');
  assert.deepEqual(await timeline.getByRole('term').allInnerTexts(), [...Object.keys(deadlines), ...Object.keys(days), 'Posts a student may rank']);
  for (const [label, value] of Object.entries(deadlines)) {
    const time = timeline.locator('div').filter({ has: page.getByRole('term').getByText(label, { exact: true }) }).getByRole('definition').getByRole('time');
    assert.equal(await time.getAttribute('datetime'), zonedToUtc(value, ROUND_ZONE)?.toISOString(), label);
    assert.match(await time.innerText(), /\b(17|09):00\b.*\(Europe\/London\)$/, label);
  }
  assert.equal(await page.getByRole('link', { name: 'Edit round' }).count(), 1);
  assert.equal(await page.getByRole('link', { name: 'Draft a post' }).count(), 1);
  const roundUrl = page.url();

  programme = { staff: tab, partnerId, roundUrl, roundName };
});

test('the partner’s coordinator drafts a post, corrects a mistake and submits it; staff return it, publish it and download the round’s posts as CSV', async () => {
  const { staff, partnerId, roundUrl, roundName } = setUp();
  const db = suite.server.testApp.database.db;
  const coordinator = await createUser(db, { role: 'partner_admin', name: 'Amina Wekesa', email: `amina.${Date.now()}@partner.example.org`, now: new Date() });
  await db.execute(sql`update users set organisation_id = ${partnerId} where id = ${coordinator.id}`);

  const tab = await Tab.open(suite.browser, suite.server.baseUrl);
  const { page } = tab;
  assert.equal(await signIn(tab, coordinator.email, TEST_PASSWORD), 200);
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(await tab.activate(nav.getByRole('link', { name: 'Rounds and posts' })), 200);
  assert.equal(await tab.heading(), 'Rounds');
  assert.equal(await tab.activate(page.getByRole('table', { name: '1 round' }).getByRole('link', { name: roundName })), 200);
  assert.equal(page.url(), roundUrl);
  assert.equal(await page.getByRole('link', { name: 'Edit round' }).count(), 0, 'only staff change a round');
  assert.equal(await tab.activate(page.getByRole('link', { name: 'Draft a post' })), 200);
  assert.equal(await tab.heading(), 'Draft a post');

  // the whole form, with a duration the agreement does not allow
  await page.getByLabel('Title', { exact: true }).fill('Migration data intern');
  await page.getByLabel('Office (duty station)').selectOption({ label: 'IOM Somalia — Programme Support Unit (Nairobi)' });
  await page.getByLabel('Unit (optional)').selectOption({ label: 'Migration Policy Unit' });
  await page.getByLabel('Description', { exact: true }).fill('Support the data team.\n\n- Clean survey data\n- Draft briefs');
  await page.getByLabel('Duties (optional)').fill('Data cleaning and short reports.');
  await page.getByLabel('Required qualifications (optional)').fill('Statistics or social science.');
  await page.getByLabel('Desirable qualifications (optional)').fill('Experience with R.');
  await page.getByLabel('Duration in months').fill('12');
  await page.getByLabel('Earliest start').fill(day(100));
  await page.getByLabel('Latest start').fill(day(130));
  await page.getByLabel('Number of places').fill('2');
  const levels = page.getByRole('group', { name: 'Who may apply' });
  await levels.getByLabel('Undergraduates').check();
  await levels.getByLabel('Postgraduates').check();
  await page.getByLabel('Courses (optional)').fill('Geography\nEconomics');
  await page.getByLabel('Minimum year of study (optional)').fill('2');
  const language1 = page.getByRole('group', { name: 'Language needed 1 (optional)' });
  await language1.getByLabel('Language', { exact: true }).selectOption({ label: 'English' });
  await language1.getByLabel('At least (CEFR level)').selectOption('C1');
  const language2 = page.getByRole('group', { name: 'Language needed 2 (optional)' });
  await language2.getByLabel('Language', { exact: true }).selectOption({ label: 'Somali' });
  await language2.getByLabel('At least (CEFR level)').selectOption('B1');
  const goals = page.getByRole('group', { name: 'Sustainable Development Goals (optional)' });
  await goals.getByLabel('10. Reduced inequalities').check();
  await goals.getByLabel('16. Peace, justice and strong institutions').check();
  await page.getByLabel('Does the partner pay a stipend?').selectOption({ label: 'Yes' });
  await page.getByLabel('Stipend amount (if paid)').fill('800');
  await page.getByLabel('Stipend currency (if paid)').fill('usd');
  await page.getByLabel('Stipend paid (if paid)').selectOption({ label: 'Per month' });
  await page.getByLabel('Working pattern').selectOption({ label: 'Hybrid' });
  await page.getByLabel('Your reference (optional)').fill('IOM-SOM-7');
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Save draft' })), 400);
  const summary = page.getByRole('alert', { name: 'There is a problem' });
  assert.ok(await tab.isFocused(summary), 'focus should be on the error summary');
  assert.deepEqual(await summary.getByRole('link').allInnerTexts(), ['The duration must be between 4 and 9 months, as the agreement says']);
  assert.match(await page.title(), /^Error: Draft a post/);
  // what was typed, ticked and chosen is all still there
  assert.equal(await page.getByLabel('Duration in months').inputValue(), '12');
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Migration data intern');
  assert.equal(await page.getByLabel('Office (duty station)').getByRole('option', { selected: true }).innerText(), 'IOM Somalia — Programme Support Unit (Nairobi)');
  assert.equal(await page.getByLabel('Description', { exact: true }).inputValue(), 'Support the data team.\n\n- Clean survey data\n- Draft briefs');
  assert.ok(await levels.getByLabel('Undergraduates').isChecked());
  assert.ok(await levels.getByLabel('Postgraduates').isChecked());
  assert.ok(!(await levels.getByLabel('Recent graduates').isChecked()));
  assert.ok(await goals.getByLabel('16. Peace, justice and strong institutions').isChecked());
  assert.equal(await language2.getByLabel('Language', { exact: true }).inputValue(), 'so');
  assert.equal(await language2.getByLabel('At least (CEFR level)').inputValue(), 'B1');
  assert.equal(await page.getByLabel('Stipend amount (if paid)').inputValue(), '800');
  assert.equal(await page.getByLabel('Working pattern').inputValue(), 'hybrid');
  // the summary's link leads to the field
  await summary.getByRole('link').click();
  assert.ok(await tab.isFocused(page.getByLabel('Duration in months')), 'the summary link should move focus to the field');

  await page.getByLabel('Duration in months').fill('6');
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Save draft' })), 200);
  assert.equal(await notice(page), 'Draft saved. Submit it for publication when it is ready.');
  assert.equal(await tab.heading(), 'Migration data intern');
  const postUrl = page.url();
  const detail = async (label: string) => (await page.getByRole('main').locator('div').filter({ has: page.getByRole('term').getByText(label, { exact: true }) }).getByRole('definition').innerText()).trim();
  assert.equal(await detail('Duration'), '6 months');
  assert.equal(await detail('Languages'), 'English (C1), Somali (B1)');
  assert.equal(await detail('Sustainable Development Goals'), 'Goal 10: Reduced inequalities; Goal 16: Peace, justice and strong institutions');
  assert.equal(await detail('Unit'), 'Migration Policy Unit');
  assert.match(await detail('Partner stipend'), /^800\.00 USD per month$/);
  assert.equal(await page.getByRole('main').getByText('Draft', { exact: true }).count(), 1, 'the status says Draft');

  assert.equal(await tab.activate(page.getByRole('button', { name: 'Submit for publication' })), 200);
  assert.equal(await notice(page), 'Submitted for publication.');
  assert.equal(await page.getByRole('button', { name: 'Submit for publication' }).count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Edit post' }).count(), 0, 'a submitted post is out of the partner’s hands');

  // staff find it in the round's posts and return it with a comment
  const staffPage = staff.page;
  assert.equal(await staff.visit(roundUrl), 200);
  assert.equal(await staff.activate(staffPage.getByRole('link', { name: 'See the posts of this round' })), 200);
  assert.equal(await staff.heading(), `Posts of ${roundName}`);
  const posts = staffPage.getByRole('table', { name: '1 post' });
  assert.deepEqual(await posts.getByRole('row', { name: /Migration data intern/ }).getByRole('cell').allInnerTexts(), [
    'Migration data intern',
    'IOM Somalia — Programme Support Unit (Nairobi)',
    '6',
    '2',
    'Submitted for publication',
  ]);
  assert.equal(await staff.activate(posts.getByRole('link', { name: 'Migration data intern' })), 200);
  assert.equal(staffPage.url(), postUrl);
  // returning it needs a comment
  assert.equal(await staff.activate(staffPage.getByRole('button', { name: 'Return for changes' })), 400);
  assert.equal(await staffPage.title(), 'Error: Migration data intern — Outbound');
  const noComment = staffPage.getByRole('alert', { name: 'There is a problem' });
  assert.ok(await staff.isFocused(noComment), 'focus should be on the error summary');
  await noComment.getByRole('link', { name: 'Enter a comment saying what to change' }).click();
  assert.ok(await staff.isFocused(staffPage.getByLabel('Return to the partner with a comment')));
  await staffPage.getByLabel('Return to the partner with a comment').fill('Please say which survey tools the intern will use.');
  assert.equal(await staff.activate(staffPage.getByRole('button', { name: 'Return for changes' })), 200);
  assert.equal(await notice(staffPage), 'Returned to the partner with your comment.');
  const returnedMail = await mailTo(suite.server, coordinator.email, 'Returned for changes: Migration data intern');
  assert.match(returnedMail.text, /Please say which survey tools the intern will use\./);

  // the coordinator sees why, edits and submits again
  assert.equal(await tab.visit(postUrl), 200);
  const returned = page.getByRole('status').filter({ hasText: 'Returned by the programme team' });
  assert.match(await returned.innerText(), /Please say which survey tools the intern will use\./);
  assert.equal(await tab.activate(page.getByRole('link', { name: 'Edit post' })), 200);
  assert.equal(await tab.heading(), 'Edit Migration data intern');
  assert.equal(await page.getByLabel('Duration in months').inputValue(), '6');
  assert.ok(await levels.getByLabel('Postgraduates').isChecked());
  assert.equal(await language1.getByLabel('Language', { exact: true }).inputValue(), 'en');
  await page.getByLabel('Duties (optional)').fill('Data cleaning in KoboToolbox and short reports.');
  // no level ticked: the summary leads to the first checkbox of the group
  await levels.getByLabel('Undergraduates').uncheck();
  await levels.getByLabel('Postgraduates').uncheck();
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Save draft' })), 400);
  const noLevel = page.getByRole('alert', { name: 'There is a problem' });
  assert.ok(await tab.isFocused(noLevel), 'focus should be on the error summary');
  await noLevel.getByRole('link', { name: 'Choose at least one level of study' }).click();
  assert.ok(await tab.isFocused(levels.getByLabel('Undergraduates')), 'the summary link should move focus to the first level');
  assert.equal(await page.getByLabel('Duties (optional)').inputValue(), 'Data cleaning in KoboToolbox and short reports.');
  await levels.getByLabel('Postgraduates').check();
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Save draft' })), 200);
  assert.equal(await notice(page), 'Post saved.');
  assert.match(await page.getByRole('main').innerText(), /Data cleaning in KoboToolbox and short reports\./);
  assert.equal(await tab.activate(page.getByRole('button', { name: 'Submit for publication' })), 200);
  assert.equal(await notice(page), 'Submitted for publication.');

  // staff publish it; the history tells the story, newest first
  assert.equal(await staff.visit(postUrl), 200);
  assert.equal(await staff.activate(staffPage.getByRole('button', { name: 'Publish' })), 200);
  assert.equal(await notice(staffPage), 'Published: the post is in the catalogue.');
  assert.equal(await staffPage.getByRole('button', { name: 'Publish' }).count(), 0);
  const history = staffPage.getByRole('table', { name: 'Every change to this post, newest first' });
  const steps: string[] = [];
  for (const row of await history.getByRole('row').filter({ has: staffPage.getByRole('cell') }).all()) {
    // who, what and the comment (the first cell is when)
    steps.push((await row.getByRole('cell').allInnerTexts()).slice(1).join(' | '));
  }
  assert.deepEqual(steps, [
    'Sam Okafor | Published | ',
    'Amina Wekesa | Submitted | ',
    'Amina Wekesa | Edited | ',
    'Sam Okafor | Returned | Please say which survey tools the intern will use.',
    'Amina Wekesa | Submitted | ',
    'Amina Wekesa | Drafted | ',
  ]);
  await tab.close();

  // the round's posts as CSV
  assert.equal(await staff.activate(staffPage.getByRole('link', { name: `Back to the posts of ${roundName}` })), 200);
  const csvLink = staffPage.getByRole('link', { name: 'Download as CSV' });
  assert.equal(await csvLink.getAttribute('download'), '');
  const csv = await staffPage.request.get(new URL((await csvLink.getAttribute('href')) ?? '', staffPage.url()).href);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'] ?? '', /^text\/csv/);
  assert.equal(csv.headers()['content-disposition'], 'attachment; filename="posts-first-cohort.csv"');
  const lines = (await csv.text()).trim().split(/\r?\n/);
  assert.equal(lines.length, 2, 'a header and one post');
  assert.match(lines[1] ?? '', /IOM-SOM-7,Migration data intern,Published,/);
});

test('at 320 CSS pixels wide, the post form and the round page do not scroll sideways', async () => {
  const { staff, roundUrl } = setUp();
  await staff.page.setViewportSize(NARROW);
  for (const path of [roundUrl, `${roundUrl}/posts/new`]) {
    assert.equal(await staff.visit(path), 200, path);
    const width = await scrollWidth(staff.page);
    assert.ok(width <= NARROW.width, `${path} is ${width}px wide`);
  }
  await staff.close();
});
