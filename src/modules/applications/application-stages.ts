import { dayIn } from '../../platform/time/zoned.ts';
import type { ApplicationStatus } from './applications.tables.ts';

export type StageState = 'done' | 'current' | 'upcoming';

export interface Stage {
  name: string;
  state: StageState;
  // what the stage means for this student now, in plain words
  detail: string;
  // the instant or the day (in the round's zone) the stage is due or happened
  at?: Date;
  day?: string;
}

export interface StageInput {
  status: ApplicationStatus;
  submittedAt: Date | null;
  // eligibility of each chosen post: null when it cannot be checked (no profile)
  choices: { title: string; eligible: boolean | null }[];
  round: { applicationsCloseAt: Date; reviewUntil: string; interviewsUntil: string; offersBy: string; timeZone: string };
  now: Date;
}

// The stages of an application after it is submitted, from the round's timeline: done, under way or
// to come. Stages the partner decides (shortlist, interviews, outcome) show when they are due.
export function applicationStages(input: StageInput): Stage[] {
  const { round, now, status } = input;
  const closed = now.getTime() >= round.applicationsCloseAt.getTime();
  const today = dayIn(now, round.timeZone);
  const submitted = status === 'submitted';
  const byDay = (day: string, before: StageState): StageState => (today > day ? 'done' : before);

  const eligible = input.choices.filter((c) => c.eligible === true).length;
  const unknown = input.choices.some((c) => c.eligible === null);
  const eligibility: Stage = !submitted
    ? { name: 'Eligibility', state: 'upcoming', detail: 'Checked for each post you choose when you submit.' }
    : unknown
      ? { name: 'Eligibility', state: 'current', detail: 'We cannot check it until your profile has your study details.' }
      : { name: 'Eligibility', state: 'done', detail: `You meet the requirements of ${eligible} of your ${input.choices.length} ${input.choices.length === 1 ? 'choice' : 'choices'}.` };

  const reviewState: StageState = !submitted || !closed ? 'upcoming' : byDay(round.reviewUntil, 'current');
  const shortlistState: StageState = !submitted || today <= round.reviewUntil ? 'upcoming' : byDay(round.interviewsUntil, 'current');
  return [
    submitted && input.submittedAt
      ? { name: 'Submitted', state: 'done', detail: closed ? 'Your application was submitted before the deadline.' : 'You can reopen and change it until the deadline.', at: input.submittedAt }
      : { name: 'Submitted', state: 'current', detail: closed ? 'The deadline passed before this application was submitted.' : 'Not submitted yet: submit it before the deadline.', at: round.applicationsCloseAt },
    eligibility,
    { name: 'Under review', state: reviewState, detail: 'The partner’s reviewers read applications from the deadline until this day.', day: round.reviewUntil },
    { name: 'Shortlist', state: shortlistState, detail: 'The partner fixes the shortlist for each post; shortlisted students are invited to interview.', day: round.reviewUntil },
    { name: 'Interview', state: !submitted || today <= round.reviewUntil ? 'upcoming' : byDay(round.interviewsUntil, 'current'), detail: 'Interviews with the partner take place until this day.', day: round.interviewsUntil },
    { name: 'Outcome', state: !submitted || today <= round.interviewsUntil ? 'upcoming' : byDay(round.offersBy, 'current'), detail: 'Every applicant hears the outcome, with the reasons, by this day.', day: round.offersBy },
  ];
}

// the first date still ahead, for "the next date that matters"
export function nextDate(stages: Stage[], now: Date, timeZone: string): Stage | undefined {
  const today = dayIn(now, timeZone);
  return stages.find((s) => (s.at ? s.at.getTime() > now.getTime() && s.state !== 'done' : s.day !== undefined && s.day >= today && s.state !== 'done'));
}
