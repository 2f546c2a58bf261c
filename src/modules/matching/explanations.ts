// Why each student got what they got, and why each partner's higher-ranked candidates went elsewhere.
// Pure: reads an allocation input and its result (from allocate()); plain words, ready for a page.
import type { AllocationInput, AllocationPost, AllocationResult, AllocationStudent } from './deferred-acceptance.ts';

export type StudentReason =
  | 'withdrew'
  | 'excluded'
  | 'not-eligible'
  | 'post-not-in-allocation'
  | 'placed-by-team'
  | 'not-ranked'
  | 'no-places'
  | 'places-filled'
  | 'places-filled-with-team-placements'
  | 'unexplained';

export const studentReasonText: Record<StudentReason, string> = {
  withdrew: 'You withdrew.',
  excluded: 'Excluded by the programme team.',
  'not-eligible': 'You were not eligible for this post.',
  'post-not-in-allocation': 'This post was not part of the allocation.',
  'placed-by-team': 'The programme team placed you in another post.',
  'not-ranked': 'The partner did not rank you for this post.',
  'no-places': 'This post had no places in this allocation.',
  'places-filled': 'All places went to candidates the partner ranked higher.',
  'places-filled-with-team-placements': 'All places went to candidates the partner ranked higher or to placements made by the programme team.',
  unexplained: 'We could not find the reason. Please contact the programme team.',
};

export interface ChoiceExplanation {
  postId: string;
  // 1-based position in the student's list
  choice: number;
  reason: StudentReason;
  text: string;
}

export interface StudentExplanation {
  studentId: string;
  postId: string | null;
  choice: number | null;
  forced: boolean;
  summary: string;
  // every post the student ranked above the one they got (all of them when unplaced), best first
  higherChoices: ChoiceExplanation[];
}

export type PartnerReason =
  | 'not-in-allocation'
  | 'withdrew'
  | 'not-eligible'
  | 'excluded'
  | 'placed-by-team'
  | 'did-not-choose'
  | 'placed-preferred'
  | 'no-places'
  | 'places-taken-by-team'
  | 'unexplained';

export const partnerReasonText: Record<PartnerReason, string> = {
  'not-in-allocation': 'Not part of this allocation (for example, withdrew or declined an earlier offer).',
  withdrew: 'Withdrew.',
  'not-eligible': 'Not eligible for this post.',
  excluded: 'Excluded from this post by the programme team.',
  'placed-by-team': 'Placed in another post by the programme team.',
  'did-not-choose': 'Did not list this post among their choices.',
  'placed-preferred': 'Placed in a post they preferred.',
  'no-places': 'This post had no places in this allocation.',
  'places-taken-by-team': 'The places went to placements made by the programme team.',
  unexplained: 'We could not find the reason. Please contact the programme team.',
};

export interface PlacedCandidate {
  studentId: string;
  // 1-based position in the partner's ranking; null for a forced placement the partner did not rank
  rank: number | null;
  forced: boolean;
}

export interface MissedCandidate {
  studentId: string;
  rank: number;
  outcome: 'placed-elsewhere' | 'unplaced' | 'not-in-allocation';
  reason: PartnerReason;
  text: string;
}

export interface PostExplanation {
  postId: string;
  capacity: number;
  placed: PlacedCandidate[];
  emptyPlaces: number;
  // candidates the partner ranked above its lowest placed one (any ranked one when none is placed), not placed here
  missed: MissedCandidate[];
}

// lookups built once for many explanations
export class AllocationExplainer {
  private readonly students = new Map<string, AllocationStudent>();
  private readonly posts = new Map<string, AllocationPost>();
  private readonly postRank = new Map<string, Map<string, number>>();
  private readonly excluded = new Set<string>();

  constructor(
    input: AllocationInput,
    private readonly result: AllocationResult,
  ) {
    for (const s of input.students) this.students.set(s.id, s);
    for (const p of input.posts) {
      this.posts.set(p.id, p);
      this.postRank.set(p.id, new Map(p.ranking.map((id, i) => [id, i])));
    }
    for (const c of result.constraints) if (c.kind === 'excluded' && c.applied) this.excluded.add(pairKey(c.studentId, c.postId));
  }

  student(studentId: string): StudentExplanation {
    const student = this.students.get(studentId);
    if (!student) throw new Error(`Student ${studentId} is not part of this allocation`);
    const postId = this.result.assignment.get(studentId) ?? null;
    const choice = this.result.choice.get(studentId) ?? null;
    const forced = this.result.forcedStudents.has(studentId);
    const until = postId === null ? student.preferences.length : choice === null ? student.preferences.length : choice - 1;
    const higherChoices: ChoiceExplanation[] = [];
    for (let i = 0; i < until; i++) {
      const p = student.preferences[i] as string;
      const reason = this.studentReason(student, p, forced);
      higherChoices.push({ postId: p, choice: i + 1, reason, text: studentReasonText[reason] });
    }
    let summary: string;
    if (student.withdrawn) summary = 'You withdrew, so you were not placed.';
    else if (postId === null) summary = 'You were not placed in any post.';
    else if (forced) summary = 'The programme team placed you in this post.';
    else summary = `You were placed in your ${ordinal(choice ?? 0)} choice.`;
    return { studentId, postId, choice, forced, summary, higherChoices };
  }

  private studentReason(student: AllocationStudent, postId: string, forced: boolean): StudentReason {
    if (student.withdrawn || student.withdrewFrom?.includes(postId)) return 'withdrew';
    if (this.excluded.has(pairKey(student.id, postId))) return 'excluded';
    if (student.notEligibleFor?.includes(postId)) return 'not-eligible';
    const post = this.posts.get(postId);
    if (!post) return 'post-not-in-allocation';
    if (forced) return 'placed-by-team';
    const ranks = this.postRank.get(postId) as Map<string, number>;
    const mine = ranks.get(student.id);
    if (mine === undefined) return 'not-ranked';
    if (post.capacity === 0) return 'no-places';
    const placed = this.result.placed.get(postId) ?? [];
    if (placed.length < post.capacity) return 'unexplained';
    let byTeam = false;
    for (const other of placed) {
      const r = ranks.get(other) ?? Number.POSITIVE_INFINITY;
      if (r < mine) continue;
      if (this.result.forcedStudents.has(other)) byTeam = true;
      else return 'unexplained';
    }
    return byTeam ? 'places-filled-with-team-placements' : 'places-filled';
  }

  post(postId: string): PostExplanation {
    const post = this.posts.get(postId);
    if (!post) throw new Error(`Post ${postId} is not part of this allocation`);
    const ranks = this.postRank.get(postId) as Map<string, number>;
    const placedIds = this.result.placed.get(postId) ?? [];
    const placed: PlacedCandidate[] = placedIds.map((id) => {
      const r = ranks.get(id);
      return { studentId: id, rank: r === undefined ? null : r + 1, forced: this.result.forcedStudents.has(id) };
    });
    let threshold = placedIds.length === 0 ? Number.POSITIVE_INFINITY : -1;
    for (const id of placedIds) threshold = Math.max(threshold, ranks.get(id) ?? Number.POSITIVE_INFINITY);
    const here = new Set(placedIds);
    const missed: MissedCandidate[] = [];
    for (let r = 0; r < post.ranking.length && r < threshold; r++) {
      const id = post.ranking[r] as string;
      if (here.has(id)) continue;
      const student = this.students.get(id);
      const elsewhere = student ? (this.result.assignment.get(id) ?? null) : null;
      const outcome: MissedCandidate['outcome'] = !student ? 'not-in-allocation' : elsewhere === null ? 'unplaced' : 'placed-elsewhere';
      const reason = this.partnerReason(post, id, student, elsewhere, r, placedIds);
      const text = outcome === 'unplaced' ? `Unplaced: ${lowerFirst(partnerReasonText[reason])}` : partnerReasonText[reason];
      missed.push({ studentId: id, rank: r + 1, outcome, reason, text });
    }
    return { postId, capacity: post.capacity, placed, emptyPlaces: Math.max(0, post.capacity - placedIds.length), missed };
  }

  private partnerReason(
    post: AllocationPost,
    studentId: string,
    student: AllocationStudent | undefined,
    elsewhere: string | null,
    rank: number,
    placedIds: readonly string[],
  ): PartnerReason {
    if (!student) return 'not-in-allocation';
    if (student.withdrawn || student.withdrewFrom?.includes(post.id)) return 'withdrew';
    if (student.notEligibleFor?.includes(post.id)) return 'not-eligible';
    if (this.excluded.has(pairKey(studentId, post.id))) return 'excluded';
    if (this.result.forcedStudents.has(studentId)) return 'placed-by-team';
    const here = student.preferences.indexOf(post.id);
    if (here < 0) return 'did-not-choose';
    if (elsewhere !== null) {
      const there = student.preferences.indexOf(elsewhere);
      if (there >= 0 && there < here) return 'placed-preferred';
    }
    if (post.capacity === 0) return 'no-places';
    if (placedIds.length >= post.capacity) {
      const ranks = this.postRank.get(post.id) as Map<string, number>;
      const takenByTeam = placedIds.some((id) => this.result.forcedStudents.has(id) && (ranks.get(id) ?? Number.POSITIVE_INFINITY) > rank);
      if (takenByTeam) return 'places-taken-by-team';
    }
    return 'unexplained';
  }
}

export function explainStudents(input: AllocationInput, result: AllocationResult): StudentExplanation[] {
  const explainer = new AllocationExplainer(input, result);
  return [...result.assignment.keys()].map((id) => explainer.student(id));
}

export function explainPosts(input: AllocationInput, result: AllocationResult): PostExplanation[] {
  const explainer = new AllocationExplainer(input, result);
  return [...result.placed.keys()].map((id) => explainer.post(id));
}

function pairKey(studentId: string, postId: string): string {
  return `${studentId}\u0000${postId}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}
