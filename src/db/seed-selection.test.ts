import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import { createOrganisation, createRound, type Round } from '../../test/helpers/catalogue-factories.ts';
import { buildTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { criterionForm, descriptorField, SCORES } from '../modules/selection/rubric.input.ts';
import { rubricCriteria, selectionSettings } from '../modules/selection/selection.tables.ts';
import { seedSelection } from './seed-selection.ts';

let t: TestApp;
let round: Round;
before(async () => {
  t = await buildTestApp();
  round = await createRound(t.database.db, await createOrganisation(t.database.db, { now: t.clock.now() }), t.clock.now(), { name: 'Second cohort' });
});
after(() => t.close());

test('the demo round gets two anonymised reviews per application and a four-criterion rubric that the form would accept; seeding again adds nothing', async () => {
  const db = t.database.db;
  await seedSelection(db, t.clock.now(), round.id);
  await seedSelection(db, t.clock.now(), round.id);
  const [settings] = await db.select().from(selectionSettings).where(eq(selectionSettings.roundId, round.id));
  assert.equal(settings?.reviewsPerApplication, 2);
  assert.equal(settings?.anonymised, true);
  const rows = await db.select().from(rubricCriteria).where(eq(rubricCriteria.roundId, round.id)).orderBy(asc(rubricCriteria.position));
  assert.deepEqual(
    rows.map((r) => [r.position, r.name, r.weight]),
    [
      [1, 'Motivation and fit', 3],
      [2, 'Relevant knowledge', 2],
      [3, 'Communication', 2],
      [4, 'Languages', 1],
    ],
  );
  for (const row of rows) {
    const fields: Record<string, string> = { name: row.name, description: row.description, weight: String(row.weight) };
    for (const score of SCORES) fields[descriptorField(score)] = row.descriptors[score - 1] ?? '';
    assert.equal(criterionForm.safeParse(fields).success, true, row.name);
  }
});
