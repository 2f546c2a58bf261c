// Student-proposing deferred acceptance (Gale–Shapley, many-to-one with post capacities).
// Pure: no database, no clock, no randomness. The student-optimal stable matching is unique, so the
// result does not depend on the order of the input; the output lists are in id order (code-unit order).
//
// Staff constraints:
// - a forced placement puts the student in the post whatever the lists say; it uses one of the post's
//   places and the student does not propose. It is applied even when the student did not rank the post,
//   the partner did not rank the student, or the post is already full of forced placements (the post is
//   then over capacity): each such case is reported in the constraint's notes. It is NOT applied only
//   when it cannot be: an unknown student or post, or two different forced posts for one student.
// - an excluded pair is removed from both lists.
// Withdrawals and ineligibility (flags on the student) remove the pair like an exclusion; a student
// withdrawn from the round takes no part at all. Ids a list names that are not in the run (a post
// ranking a student who left, say) are ignored: that is how a re-run "without that student" works.
//
// Internals: prepare() maps ids to 0..n-1 once and builds flat Int32Arrays (CSR): each student's list
// of mutually acceptable posts, each entry carrying the post's rank of that student. Every id in a list
// is looked up once (one Map lookup per list entry); the ranks are joined to the students' lists through
// a counting sort by student rather than a search per ranking entry, so there is neither a posts ×
// students rank matrix (1.2 GB at NRMP scale) nor a Map per post. Ids already in order skip the sort.
// solve() keeps free students on a stack and, per post, what it holds in a max-heap by rank (the root is
// the worst held candidate) in one flat array. Measured on the benchmark instances (bench/allocation.ts):
// the proposal loop takes a few milliseconds and a linear scan for the worst held candidate made no
// measurable difference at capacities of 1–20, so the heap stays (it also bounds large posts); nearly all
// the time goes into the Map lookups that turn string ids into indices (random memory accesses), and
// into the result Maps.

export const ALGORITHM_VERSION = 'student-proposing-deferred-acceptance/1';

export interface AllocationStudent {
  id: string;
  // ranked choices, best first; only posts the student finds acceptable
  preferences: readonly string[];
  // withdrew from the round (or declined an earlier offer): takes no part
  withdrawn?: boolean | undefined;
  // posts whose application the student withdrew
  withdrewFrom?: readonly string[] | undefined;
  // posts the student is not eligible for
  notEligibleFor?: readonly string[] | undefined;
}

export interface AllocationPost {
  id: string;
  capacity: number;
  // the partner's strict ranking, best first; a candidate missing is not acceptable ("not appointable")
  ranking: readonly string[];
}

export interface StaffConstraint {
  studentId: string;
  postId: string;
  reason: string;
}

export interface AllocationInput {
  students: readonly AllocationStudent[];
  posts: readonly AllocationPost[];
  forced?: readonly StaffConstraint[] | undefined;
  excluded?: readonly StaffConstraint[] | undefined;
}

export interface ConstraintOutcome extends StaffConstraint {
  kind: 'forced' | 'excluded';
  applied: boolean;
  // plain words for staff: why it was not applied, or what was unusual about applying it
  notes: string[];
}

export interface ChoiceCount {
  // 1 = first choice
  choice: number;
  count: number;
  // of the students taking part
  share: number;
}

export interface AllocationStatistics {
  // students taking part (not withdrawn)
  students: number;
  withdrawn: number;
  matched: number;
  unplaced: number;
  matchedShare: number;
  byChoice: ChoiceCount[];
  // placed by a forced placement in a post they did not rank
  placedOutsideChoices: number;
  places: number;
  emptyPlaces: number;
  postsWithEmptyPlaces: number;
  proposals: number;
}

export interface AllocationResult {
  algorithmVersion: string;
  // every student (withdrawn ones too, with null), in id order
  assignment: Map<string, string | null>;
  // 1-based position of the assigned post in the student's list; null when unplaced or placed outside it
  choice: Map<string, number | null>;
  // every post, in id order → placed students, the partner's order first, then unranked forced placements by id
  placed: Map<string, string[]>;
  forcedStudents: Set<string>;
  statistics: AllocationStatistics;
  constraints: ConstraintOutcome[];
}

export class AllocationInputError extends Error {}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Ids in code-unit order and id → position in that order. Ids that already come in order (as they
// usually do: generated, or read from the database ordered by id) skip the sort; either way the result
// is the same, so the output order never depends on the input order.
function indexIds(ids: readonly string[], what: string): { sorted: readonly string[]; index: Map<string, number> } {
  let ascending = true;
  for (let i = 1; i < ids.length; i++) {
    if (!((ids[i - 1] as string) < (ids[i] as string))) {
      ascending = false;
      break;
    }
  }
  // the default sort compares UTF-16 code units, like byCodeUnit
  const sorted = ascending ? ids : [...ids].sort();
  const index = new Map<string, number>();
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i] as string;
    // sorted: a duplicate is next to its twin
    if (i > 0 && sorted[i - 1] === id) throw new AllocationInputError(`${what} ${id} appears twice`);
    index.set(id, i);
  }
  return { sorted, index };
}

// items (students or posts) rearranged into the order of their ids' index
function inIdOrder<T extends { id: string }>(items: readonly T[], index: ReadonlyMap<string, number>, sortedIds: readonly string[]): T[] {
  // already in order (indexIds skipped the sort): nothing to look up
  if (sortedIds.length === items.length && items.every((item, i) => item.id === sortedIds[i])) return [...items];
  const ordered = new Array<T>(items.length);
  for (const item of items) ordered[index.get(item.id) as number] = item;
  return ordered;
}

// The whole run: ids in, result out.
export function allocate(input: AllocationInput): AllocationResult {
  return solve(prepare(input));
}

// The instance on indices, ready to solve (and to solve again: solve() does not change it).
export interface PreparedAllocation {
  readonly studentIds: readonly string[];
  readonly postIds: readonly string[];
  readonly students: readonly AllocationStudent[];
  readonly posts: readonly AllocationPost[];
  readonly capacity: Int32Array;
  readonly withdrawn: Uint8Array;
  readonly forcedPost: Int32Array;
  readonly forcedCount: Int32Array;
  // student s's acceptable posts, best first, at listStart[s] .. listStart[s + 1] (-1: skipped)
  readonly listStart: Int32Array;
  readonly listPost: Int32Array;
  // the post's rank of the student, and the position in the student's own list (1-based)
  readonly listRank: Int32Array;
  readonly listChoice: Int32Array;
  readonly constraints: readonly ConstraintOutcome[];
}

export function prepare(input: AllocationInput): PreparedAllocation {
  const S = input.students.length;
  const P = input.posts.length;
  const { sorted: studentIds, index: studentIndex } = indexIds(
    input.students.map((s) => s.id),
    'Student',
  );
  const { sorted: postIds, index: postIndex } = indexIds(
    input.posts.map((p) => p.id),
    'Post',
  );
  const students = inIdOrder(input.students, studentIndex, studentIds);
  const posts = inIdOrder(input.posts, postIndex, postIds);
  for (const p of input.posts) {
    if (!Number.isInteger(p.capacity) || p.capacity < 0) throw new AllocationInputError(`Post ${p.id} has an invalid capacity`);
  }
  const capacity = new Int32Array(P);
  for (let i = 0; i < P; i++) capacity[i] = (posts[i] as AllocationPost).capacity;
  const withdrawn = new Uint8Array(S);
  for (let s = 0; s < S; s++) if ((students[s] as AllocationStudent).withdrawn) withdrawn[s] = 1;

  // pairs removed from both lists: s * P + p (< 2^53 for any realistic size)
  const removed = new Set<number>();
  const constraints: ConstraintOutcome[] = [];
  for (const c of input.excluded ?? []) {
    const s = studentIndex.get(c.studentId);
    const p = postIndex.get(c.postId);
    const notes: string[] = [];
    if (s === undefined) notes.push('The student is not part of this allocation.');
    if (p === undefined) notes.push('The post is not part of this allocation.');
    if (s !== undefined && p !== undefined) removed.add(s * P + p);
    constraints.push({ kind: 'excluded', ...pick(c), applied: notes.length === 0, notes });
  }
  for (let s = 0; s < S; s++) {
    const st = students[s] as AllocationStudent;
    if (st.withdrewFrom) removePairs(removed, s, P, st.withdrewFrom, postIndex);
    if (st.notEligibleFor) removePairs(removed, s, P, st.notEligibleFor, postIndex);
  }

  // forced placements: first the distinct posts each (known, taking part) student is forced to
  const forcedPost = new Int32Array(S).fill(-1);
  const forcedCount = new Int32Array(P);
  const forcedTo = new Map<number, Set<number>>();
  for (const c of input.forced ?? []) {
    const s = studentIndex.get(c.studentId);
    const p = postIndex.get(c.postId);
    if (s === undefined || p === undefined || withdrawn[s]) continue;
    let set = forcedTo.get(s);
    if (!set) forcedTo.set(s, (set = new Set()));
    set.add(p);
  }
  for (const [s, set] of forcedTo) {
    if (set.size !== 1) continue;
    for (const p of set) {
      forcedPost[s] = p;
      forcedCount[p] = (forcedCount[p] as number) + 1;
    }
  }
  const given = new Map<number, number>();
  for (const c of input.forced ?? []) {
    const s = studentIndex.get(c.studentId);
    if (s !== undefined) given.set(s, (given.get(s) ?? 0) + 1);
  }
  for (const c of input.forced ?? []) {
    const s = studentIndex.get(c.studentId);
    const p = postIndex.get(c.postId);
    const notes: string[] = [];
    let applied = false;
    if (s === undefined) notes.push('The student is not part of this allocation.');
    else if (withdrawn[s]) notes.push('The student has withdrawn.');
    if (p === undefined) notes.push('The post is not part of this allocation.');
    if (s !== undefined && p !== undefined && notes.length === 0) {
      if (forcedPost[s] !== p) {
        notes.push('The student has forced placements to more than one post; none of them is applied.');
      } else {
        applied = true;
        if ((given.get(s) as number) > 1) notes.push('The same forced placement is given more than once; it is applied once.');
        if (!(students[s] as AllocationStudent).preferences.includes(c.postId)) notes.push('The student did not rank this post.');
        if (!(posts[p] as AllocationPost).ranking.includes(c.studentId)) notes.push('The partner did not rank the student for this post.');
        if (removed.has(s * P + p)) notes.push('The pair is also excluded, withdrawn or not eligible; the forced placement wins.');
        const cap = capacity[p] as number;
        if ((forcedCount[p] as number) > cap) {
          notes.push(`Forced placements exceed the post's ${cap} place${cap === 1 ? '' : 's'} (${forcedCount[p]} forced); the post is over capacity.`);
        }
      }
    }
    constraints.push({ kind: 'forced', ...pick(c), applied, notes });
  }
  constraints.sort(
    (a, b) =>
      byCodeUnit(a.kind, b.kind) || byCodeUnit(a.studentId, b.studentId) || byCodeUnit(a.postId, b.postId) || byCodeUnit(a.reason, b.reason),
  );

  // student lists (CSR), mutually acceptable pairs only, with the post's rank of the student. Each step is
  // its own small function: V8 optimises those well, where one long function kept being deoptimised.
  const listStart = new Int32Array(S + 1);
  let total = 0;
  for (let s = 0; s < S; s++) {
    listStart[s] = total;
    if (!withdrawn[s] && (forcedPost[s] as number) < 0) total += (students[s] as AllocationStudent).preferences.length;
  }
  listStart[S] = total;
  const listPost = new Int32Array(total).fill(-1);
  const listRank = new Int32Array(total).fill(-1);
  // position in the student's own list (for the choice statistics)
  const listChoice = new Int32Array(total);
  translateStudentLists(students, postIndex, removed, withdrawn, forcedPost, listStart, listPost, listChoice);
  rankStudentLists(posts, studentIndex, listStart, listPost, listRank);
  for (let e = 0; e < total; e++) if ((listRank[e] as number) < 0) listPost[e] = -1;

  return { studentIds, postIds, students, posts, capacity, withdrawn, forcedPost, forcedCount, listStart, listPost, listRank, listChoice, constraints };
}

// Deferred acceptance on a prepared instance.
export function solve(prepared: PreparedAllocation): AllocationResult {
  const { studentIds, postIds, students, posts, capacity, withdrawn, forcedPost, forcedCount, listStart, listPost, listRank, listChoice } = prepared;
  const S = studentIds.length;
  const P = postIds.length;
  // places left after forced placements; heaps live at heapStart[p] .. + open[p]
  const open = new Int32Array(P);
  const heapStart = new Int32Array(P + 1);
  for (let p = 0; p < P; p++) {
    open[p] = Math.max(0, (capacity[p] as number) - (forcedCount[p] as number));
    heapStart[p + 1] = (heapStart[p] as number) + (open[p] as number);
  }
  const heapRank = new Int32Array(heapStart[P] as number);
  const heapStudent = new Int32Array(heapStart[P] as number);
  const held = new Int32Array(P);

  const next = new Int32Array(S); // next list entry to propose to
  for (let s = 0; s < S; s++) next[s] = listStart[s] as number;
  const match = new Int32Array(S).fill(-1);
  const free = new Int32Array(S);
  let top = 0;
  for (let s = S - 1; s >= 0; s--) if (!withdrawn[s] && (forcedPost[s] as number) < 0) free[top++] = s;
  let proposals = 0;

  while (top > 0) {
    const s = free[--top] as number;
    const end = listStart[s + 1] as number;
    let e = next[s] as number;
    let placedHere = false;
    while (e < end) {
      const p = listPost[e] as number;
      e++;
      if (p < 0) continue;
      proposals++;
      const r = listRank[e - 1] as number;
      const base = heapStart[p] as number;
      const cap = open[p] as number;
      const n = held[p] as number;
      if (n < cap) {
        // sift up
        let i = n;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if ((heapRank[base + parent] as number) >= r) break;
          heapRank[base + i] = heapRank[base + parent] as number;
          heapStudent[base + i] = heapStudent[base + parent] as number;
          i = parent;
        }
        heapRank[base + i] = r;
        heapStudent[base + i] = s;
        held[p] = n + 1;
        match[s] = p;
        placedHere = true;
        break;
      }
      if (cap > 0 && r < (heapRank[base] as number)) {
        const evicted = heapStudent[base] as number;
        // sift down from the root
        let i = 0;
        for (;;) {
          const left = 2 * i + 1;
          if (left >= cap) break;
          let child = left;
          if (left + 1 < cap && (heapRank[base + left + 1] as number) > (heapRank[base + left] as number)) child = left + 1;
          if ((heapRank[base + child] as number) <= r) break;
          heapRank[base + i] = heapRank[base + child] as number;
          heapStudent[base + i] = heapStudent[base + child] as number;
          i = child;
        }
        heapRank[base + i] = r;
        heapStudent[base + i] = s;
        match[s] = p;
        match[evicted] = -1;
        free[top++] = evicted;
        placedHere = true;
        break;
      }
    }
    next[s] = e;
    if (!placedHere) match[s] = -1;
  }

  // results in id order
  const placedLists: number[][] = Array.from({ length: P }, () => []);
  const choiceOf = new Int32Array(S);
  // the post's rank of each placed student (unranked forced placements last)
  const placedRank = new Int32Array(S);
  for (let s = 0; s < S; s++) {
    const p = forcedPost[s] as number;
    if (p >= 0) {
      match[s] = p;
      const at = (students[s] as AllocationStudent).preferences.indexOf(postIds[p] as string);
      choiceOf[s] = at + 1;
      const r = (posts[p] as AllocationPost).ranking.indexOf(studentIds[s] as string);
      placedRank[s] = r < 0 ? 0x7fffffff : r;
    } else if ((match[s] as number) >= 0) {
      choiceOf[s] = listChoice[(next[s] as number) - 1] as number;
      placedRank[s] = listRank[(next[s] as number) - 1] as number;
    }
    const m = match[s] as number;
    if (m >= 0) (placedLists[m] as number[]).push(s);
  }
  const assignment = new Map<string, string | null>();
  const choice = new Map<string, number | null>();
  const forcedStudents = new Set<string>();
  const counts: number[] = [];
  let matched = 0;
  let outside = 0;
  let withdrawnCount = 0;
  for (let s = 0; s < S; s++) {
    const id = studentIds[s] as string;
    const m = match[s] as number;
    if (withdrawn[s]) withdrawnCount++;
    if ((forcedPost[s] as number) >= 0) forcedStudents.add(id);
    assignment.set(id, m >= 0 ? (postIds[m] as string) : null);
    const c = choiceOf[s] as number;
    choice.set(id, m >= 0 && c > 0 ? c : null);
    if (m >= 0) {
      matched++;
      if (c > 0) counts[c - 1] = (counts[c - 1] ?? 0) + 1;
      else outside++;
    }
  }
  const placed = new Map<string, string[]>();
  let places = 0;
  let emptyPlaces = 0;
  let postsWithEmptyPlaces = 0;
  for (let p = 0; p < P; p++) {
    const list = placedLists[p] as number[];
    if (list.length > 1) list.sort((a, b) => (placedRank[a] as number) - (placedRank[b] as number) || a - b);
    placed.set(
      postIds[p] as string,
      list.map((s) => studentIds[s] as string),
    );
    places += capacity[p] as number;
    const empty = Math.max(0, (capacity[p] as number) - list.length);
    emptyPlaces += empty;
    if (empty > 0) postsWithEmptyPlaces++;
  }
  const taking = S - withdrawnCount;
  const share = (n: number) => (taking === 0 ? 0 : n / taking);
  const byChoice: ChoiceCount[] = [];
  for (let i = 0; i < counts.length; i++) byChoice.push({ choice: i + 1, count: counts[i] ?? 0, share: share(counts[i] ?? 0) });

  return {
    algorithmVersion: ALGORITHM_VERSION,
    assignment,
    choice,
    placed,
    forcedStudents,
    statistics: {
      students: taking,
      withdrawn: withdrawnCount,
      matched,
      unplaced: taking - matched,
      matchedShare: share(matched),
      byChoice,
      placedOutsideChoices: outside,
      places,
      emptyPlaces,
      postsWithEmptyPlaces,
      proposals,
    },
    constraints: prepared.constraints.map((c) => ({ ...c, notes: [...c.notes] })),
  };
}

// Withdrawn-from or not-eligible posts: the pairs (s * P + p) are removed from both lists.
function removePairs(removed: Set<number>, s: number, P: number, ids: readonly string[], postIndex: ReadonlyMap<string, number>): void {
  for (let j = 0; j < ids.length; j++) {
    const p = postIndex.get(ids[j] as string);
    if (p !== undefined) removed.add(s * P + p);
  }
}

// Each taking-part, not-forced student's preferences as post indices, in the student's order, at
// listStart[s] ..; unknown posts and removed pairs are left out (the slot stays -1).
function translateStudentLists(
  students: readonly AllocationStudent[],
  postIndex: ReadonlyMap<string, number>,
  removed: ReadonlySet<number>,
  withdrawn: Uint8Array,
  forcedPost: Int32Array,
  listStart: Int32Array,
  listPost: Int32Array,
  listChoice: Int32Array,
): void {
  const S = students.length;
  const P = postIndex.size;
  const checkRemoved = removed.size > 0;
  // seen[p] === s: student s already listed post p
  const seen = new Int32Array(P).fill(-1);
  for (let s = 0; s < S; s++) {
    if (withdrawn[s] || (forcedPost[s] as number) >= 0) continue;
    const prefs = (students[s] as AllocationStudent).preferences;
    let k = listStart[s] as number;
    for (let j = 0; j < prefs.length; j++) {
      const p = postIndex.get(prefs[j] as string);
      if (p === undefined) continue;
      if (seen[p] === s) throw new AllocationInputError(`Student ${(students[s] as AllocationStudent).id} ranks post ${prefs[j]} twice`);
      seen[p] = s;
      if (checkRemoved && removed.has(s * P + p)) continue;
      listPost[k] = p;
      listChoice[k] = j + 1;
      k++;
    }
  }
}

// The post's rank of each student who listed it; entries no post ranked keep -1 (not acceptable).
// Each ranking id is looked up once. Finding each (post, rank) in the student's list straight away
// means a cache miss per ranking entry, each waiting for the one before (Map lookup → the student's
// list → the entry); so the pairs are first bucketed by student (a counting sort: independent writes),
// then each student's pairs are matched with the student's own list, both read in order.
function rankStudentLists(
  posts: readonly AllocationPost[],
  studentIndex: ReadonlyMap<string, number>,
  listStart: Int32Array,
  listPost: Int32Array,
  listRank: Int32Array,
): void {
  const P = posts.length;
  const S = studentIndex.size;
  let entries = 0;
  for (let p = 0; p < P; p++) entries += (posts[p] as AllocationPost).ranking.length;
  // 1. rankings as student indices (-1: not in the run), post after post; how many posts rank each student
  const rankedStudent = new Int32Array(entries);
  const pairStart = new Int32Array(S + 1);
  // seen[s] === p: post p already ranked student s
  const seen = new Int32Array(S).fill(-1);
  let k = 0;
  for (let p = 0; p < P; p++) {
    const ranking = (posts[p] as AllocationPost).ranking;
    for (let r = 0; r < ranking.length; r++) {
      const s = studentIndex.get(ranking[r] as string) ?? -1;
      rankedStudent[k++] = s;
      if (s < 0) continue;
      if (seen[s] === p) throw new AllocationInputError(`Post ${(posts[p] as AllocationPost).id} ranks student ${ranking[r]} twice`);
      seen[s] = p;
      pairStart[s + 1] = (pairStart[s + 1] as number) + 1;
    }
  }
  for (let s = 0; s < S; s++) pairStart[s + 1] = (pairStart[s + 1] as number) + (pairStart[s] as number);
  // 2. the (post, rank) pairs grouped by student
  const pairPost = new Int32Array(pairStart[S] as number);
  const pairRank = new Int32Array(pairStart[S] as number);
  const cursor = pairStart.slice(0, S);
  k = 0;
  for (let p = 0; p < P; p++) {
    const n = (posts[p] as AllocationPost).ranking.length;
    for (let r = 0; r < n; r++) {
      const s = rankedStudent[k++] as number;
      if (s < 0) continue;
      const at = cursor[s] as number;
      cursor[s] = at + 1;
      pairPost[at] = p;
      pairRank[at] = r;
    }
  }
  // 3. each student's list entries against the pairs of the posts that rank them (both short)
  for (let s = 0; s < S; s++) {
    const firstPair = pairStart[s] as number;
    const endPair = pairStart[s + 1] as number;
    if (firstPair === endPair) continue;
    const end = listStart[s + 1] as number;
    for (let e = listStart[s] as number; e < end; e++) {
      const p = listPost[e] as number;
      if (p < 0) continue;
      for (let i = firstPair; i < endPair; i++) {
        if (pairPost[i] === p) {
          listRank[e] = pairRank[i] as number;
          break;
        }
      }
    }
  }
}

function pick(c: StaffConstraint): StaffConstraint {
  return { studentId: c.studentId, postId: c.postId, reason: c.reason };
}
