// The numbers an application to a post shows from its submitted reviews: the weighted mean of the
// rubric scores, the spread between reviewers, and a flag when reviewers disagree (two scores of one
// criterion 2 or more apart). Pure: criteria and reviews in, summary out.

export interface CriterionWeight {
  id: string;
  weight: number;
}

export interface ReviewScores {
  scores: Record<string, number>;
}

export interface CriterionSummary {
  id: string;
  mean: number;
  min: number;
  max: number;
}

export interface ReviewSummary {
  // submitted reviews counted
  count: number;
  // the mean over reviews of each review's weighted score, 1–5; null without reviews
  weightedMean: number | null;
  // highest minus lowest weighted score of one review; null without reviews
  spread: number | null;
  disagree: boolean;
  criteria: CriterionSummary[];
}

export const DISAGREEMENT_GAP = 2;

// one review's weighted score over the criteria it scored; null if it scored none
export function weightedScore(criteria: readonly CriterionWeight[], review: ReviewScores): number | null {
  let total = 0;
  let weights = 0;
  for (const c of criteria) {
    const score = review.scores[c.id];
    if (score === undefined) continue;
    total += score * c.weight;
    weights += c.weight;
  }
  return weights === 0 ? null : total / weights;
}

export function summariseReviews(criteria: readonly CriterionWeight[], reviews: readonly ReviewScores[]): ReviewSummary {
  const weighted = reviews.map((r) => weightedScore(criteria, r)).filter((s): s is number => s !== null);
  const perCriterion: CriterionSummary[] = [];
  let disagree = false;
  for (const c of criteria) {
    const scores = reviews.map((r) => r.scores[c.id]).filter((s): s is number => s !== undefined);
    if (scores.length === 0) continue;
    const min = Math.min(...scores);
    const max = Math.max(...scores);
    if (max - min >= DISAGREEMENT_GAP) disagree = true;
    perCriterion.push({ id: c.id, mean: scores.reduce((a, b) => a + b, 0) / scores.length, min, max });
  }
  return {
    count: reviews.length,
    weightedMean: weighted.length === 0 ? null : weighted.reduce((a, b) => a + b, 0) / weighted.length,
    spread: weighted.length === 0 ? null : Math.max(...weighted) - Math.min(...weighted),
    disagree,
    criteria: perCriterion,
  };
}
