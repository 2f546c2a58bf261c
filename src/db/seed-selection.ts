// The demo's selection set-up for the current round: anonymised review by two reviewers per
// application, and a rubric of four weighted criteria, each with what a score of 1 to 5 means.
import type { Db } from './client.ts';
import { createRubricRepo } from '../modules/selection/rubric.repo.ts';
import { createSelectionSetupRepo } from '../modules/selection/selection-setup.repo.ts';

export const demoRubric: { name: string; description: string; weight: number; descriptors: [string, string, string, string, string] }[] = [
  {
    name: 'Motivation and fit',
    description: 'Why the student wants this post, and how well their interests and plans match the work of the unit and the office.',
    weight: 3,
    descriptors: [
      'No clear reason for applying to this post; the statement could be about any internship.',
      'A general interest in migration or international work, with little link to this post.',
      'A clear reason for applying, linked to the post’s work in a general way.',
      'A well-argued reason, with specific links between the student’s interests or plans and the post’s duties.',
      'A compelling, specific case: the post is a clear next step for the student, and they show what they would bring to the unit.',
    ],
  },
  {
    name: 'Relevant knowledge',
    description: 'What the student knows of the subject of the post (for example migration policy, health, data or communications), from study, work or volunteering.',
    weight: 2,
    descriptors: [
      'Shows no knowledge of the subject of the post.',
      'Some general knowledge from study, not applied to the post.',
      'Sound knowledge from their course, with some link to the post’s duties.',
      'Good knowledge from study and some practice (a project, a placement, volunteering) close to the post.',
      'Strong knowledge and practice directly relevant to the post, explained with concrete examples.',
    ],
  },
  {
    name: 'Communication',
    description: 'How clearly the student writes in the statement and the answers: structure, precision and tone suited to a professional setting.',
    weight: 2,
    descriptors: [
      'Hard to follow: unclear, disorganised or far from the questions asked.',
      'Understandable, but loosely organised or vague in places.',
      'Clear and organised, answering the questions asked.',
      'Clear, concise and well structured, with a professional tone throughout.',
      'Precise, persuasive and well judged for the audience: would be ready to share with colleagues as it is.',
    ],
  },
  {
    name: 'Languages',
    description: 'The languages the post asks for, at the level it asks for, as declared in the student’s profile and shown in their answers.',
    weight: 1,
    descriptors: [
      'Does not meet the post’s language requirements.',
      'Meets them only partly (a required language is below the level asked for).',
      'Meets the post’s language requirements.',
      'Meets them and adds a useful language for the office or the region.',
      'Exceeds them clearly: several useful languages at a high level, used in study or work.',
    ],
  },
];

export async function seedSelection(db: Db, now: Date, roundId: string): Promise<void> {
  const rubric = createRubricRepo(db);
  const setup = createSelectionSetupRepo(db);
  await db.transaction(async (tx) => {
    await setup.saveSettings({ roundId, reviewsPerApplication: 2, anonymised: true, updatedAt: now }, tx);
    if ((await rubric.listForRound(roundId, tx)).length > 0) return;
    for (const [i, c] of demoRubric.entries()) {
      await rubric.insert({ roundId, position: i + 1, name: c.name, description: c.description, weight: c.weight, descriptors: [...c.descriptors], createdAt: now, updatedAt: now }, tx);
    }
  });
}
