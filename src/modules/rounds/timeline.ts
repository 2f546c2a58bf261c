import { addYears, dayIn } from '../../platform/time/zoned.ts';

export interface Timeline {
  postsDueAt: Date;
  applicationsOpenAt: Date;
  applicationsCloseAt: Date;
  reviewUntil: string;
  interviewsUntil: string;
  offersBy: string;
  preDepartureFrom: string;
  placementsFrom: string;
  placementsTo: string;
}

export type Milestone = keyof Timeline;

// The order milestones must follow, with the words used in messages.
export const milestones: { key: Milestone; label: string; kind: 'instant' | 'day' }[] = [
  { key: 'postsDueAt', label: 'Posts due', kind: 'instant' },
  { key: 'applicationsOpenAt', label: 'Applications open', kind: 'instant' },
  { key: 'applicationsCloseAt', label: 'Applications close', kind: 'instant' },
  { key: 'reviewUntil', label: 'Review until', kind: 'day' },
  { key: 'interviewsUntil', label: 'Interviews until', kind: 'day' },
  { key: 'offersBy', label: 'Offers by', kind: 'day' },
  { key: 'preDepartureFrom', label: 'Pre-departure from', kind: 'day' },
  { key: 'placementsFrom', label: 'Placements from', kind: 'day' },
  { key: 'placementsTo', label: 'Placements to', kind: 'day' },
];

export const phases = ['posts', 'publishing', 'applications', 'review', 'interviews', 'offers', 'confirmation', 'pre_departure', 'placements', 'completed'] as const;
export type Phase = (typeof phases)[number];

export const phaseNames: Record<Phase, string> = {
  posts: 'Partners are submitting posts',
  publishing: 'Posts are being published',
  applications: 'Applications open',
  review: 'Review',
  interviews: 'Interviews',
  offers: 'Ranking, allocation and offers',
  confirmation: 'Offers and funding being confirmed',
  pre_departure: 'Pre-departure preparation',
  placements: 'On placement',
  completed: 'Completed',
};

function comparable(timeline: Timeline, key: Milestone, timeZone: string): string {
  const value = timeline[key];
  // an instant compares by its day in the round's zone, plus the time for instants on the same day
  return value instanceof Date ? `${dayIn(value, timeZone)}T${value.toISOString().slice(11)}` : `${value}T~`;
}

// Milestones must not go backwards; each problem names both fields.
export function timelineProblems(timeline: Timeline, timeZone: string): Partial<Record<Milestone, string>> {
  const problems: Partial<Record<Milestone, string>> = {};
  for (let i = 1; i < milestones.length; i++) {
    const earlier = milestones[i - 1];
    const later = milestones[i];
    if (!earlier || !later) continue;
    const a = comparable(timeline, earlier.key, timeZone);
    const b = comparable(timeline, later.key, timeZone);
    const strictlyAfter = earlier.kind === 'instant' && later.kind === 'instant';
    if (strictlyAfter ? b <= a : b.slice(0, 10) < a.slice(0, 10)) {
      problems[later.key] = `${later.label} must be ${strictlyAfter ? 'after' : 'on or after'} ${earlier.label.toLowerCase()}`;
    }
  }
  return problems;
}

export function currentPhase(timeline: Timeline, now: Date, timeZone: string): Phase {
  if (now < timeline.postsDueAt) return 'posts';
  if (now < timeline.applicationsOpenAt) return 'publishing';
  if (now < timeline.applicationsCloseAt) return 'applications';
  const today = dayIn(now, timeZone);
  if (today <= timeline.reviewUntil) return 'review';
  if (today <= timeline.interviewsUntil) return 'interviews';
  if (today <= timeline.offersBy) return 'offers';
  if (today < timeline.preDepartureFrom) return 'confirmation';
  if (today < timeline.placementsFrom) return 'pre_departure';
  if (today <= timeline.placementsTo) return 'placements';
  return 'completed';
}

// Partners draft and submit posts until applications open.
export function acceptsPosts(timeline: Timeline, now: Date): boolean {
  return now < timeline.applicationsOpenAt;
}

function shiftInstant(at: Date): Date {
  const shifted = new Date(at);
  shifted.setUTCFullYear(shifted.getUTCFullYear() + 1);
  return shifted;
}

// The next cohort: the same timeline a year later.
export function shiftByYear(timeline: Timeline): Timeline {
  return {
    postsDueAt: shiftInstant(timeline.postsDueAt),
    applicationsOpenAt: shiftInstant(timeline.applicationsOpenAt),
    applicationsCloseAt: shiftInstant(timeline.applicationsCloseAt),
    reviewUntil: addYears(timeline.reviewUntil, 1),
    interviewsUntil: addYears(timeline.interviewsUntil, 1),
    offersBy: addYears(timeline.offersBy, 1),
    preDepartureFrom: addYears(timeline.preDepartureFrom, 1),
    placementsFrom: addYears(timeline.placementsFrom, 1),
    placementsTo: addYears(timeline.placementsTo, 1),
  };
}
