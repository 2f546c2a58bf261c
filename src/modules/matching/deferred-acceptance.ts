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
// Internals. prepare() maps ids to 0..n-1 once (a Map per side, built from the ids in code-unit order)
// and builds flat Int32Arrays (CSR): each student's list, one entry per preference in the student's
// order (so the entry's position is the choice), holding the post (-1: unknown, removed, or not ranked
// by the post) and the post's rank of the student. Every id in a list is looked up once (one Map lookup
// per list entry). The ranks are joined to the students' lists without a search: the list entries are
// grouped by post (a counting sort on integers); then, post after post, its applicants are marked in one
// per-student array and each id of its ranking is looked up and, when marked, its rank written into the
// applicant's entry. There is neither a posts × students rank matrix (1.2 GB at NRMP scale) nor a Map per
// post; ids already in order skip the sort. solve() keeps free students on a stack and, per post, what it
// holds in a max-heap by rank (the root is the worst held candidate) in one flat array. The result is
// collected on integers too: its maps by id (assignment, choice, placed) are read-only views over arrays
// in id order that look ids up in prepare()'s Maps, so no result Map is built and no string is hashed
// for it (a post's placed list is made as strings when first read). Every long loop sits in a function
// of its own (see prepare()): in one long function V8 kept deoptimising, at every call, code compiled
// mid-loop without type feedback for the code after the loop.
// Measured (bench/allocation.ts: same process, same instances as the npm package stable-marriage; on
// 2026-11-28, on the 2-core machine shared with other sessions at a load of 4–12). (a) 20,000 students
// × 10 of 2,000 posts: the proposal loop and the result take 3–6 ms (15–20 ms before); end to end, the
// fastest runs take 36–52 ms (the previous version 48–61 ms, timed alternately in the same process);
// in the benchmark, medians of 109–368 ms under that load against 800–3,150 ms for stable-marriage:
// 6.8×, 7.6×, 8.1×, 8.4×, 8.4×, 8.5×, 10.9×, 11.2×, 11.4× in nine runs (median 8.5×; the previous
// version 6.9–8.5×), 8.3–31.3× between the fastest runs of each, 6.4–16.7× between a reference run and
// our runs just before it. So ≥ 10× holds when the machine is quiet, not reliably under such load:
// ours is memory-bound and loses more than the reference to shared caches. (b) NRMP scale: 12.0×,
// 13.4×, 14.3×, 15.0×, 15.0×, 15.4×, 16.7×, 16.8×, 33.8× (median 15.0×; was 10.9–17.9×).
// What is left is looking ids up: half the time goes into the ~180,000 lookups of ranking ids in the
// 20,000-entry student Map (random memory accesses, which slow down most when other processes share the
// caches), a seventh into the 200,000 lookups of preference ids in the post Map, a twentieth into
// building the Maps. A Map per post, or an own hash table over the ids' characters, measured slower.
// Plain objects as dictionaries measured somewhat faster, but V8 internalises a string used as a key in
// place on first use, so a benchmark repeating the same instance would not show what a first run costs;
// not taken.

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
  assignment: ReadonlyMap<string, string | null>;
  // 1-based position of the assigned post in the student's list; null when unplaced or placed outside it
  choice: ReadonlyMap<string, number | null>;
  // every post, in id order → placed students, the partner's order first, then unranked forced placements by id
  placed: ReadonlyMap<string, string[]>;
  forcedStudents: ReadonlySet<string>;
  statistics: AllocationStatistics;
  constraints: ConstraintOutcome[];
}

export class AllocationInputError extends Error {}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Ids in code-unit order and id → position in that order. Ids that already come in order (as they
// usually do: generated, or read from the database ordered by id) skip the sort; either way the result
// is the same, so the output order never depends on the input order.
function indexIds(ids: readonly string[], what: string): { sorted: readonly string[]; index: Map<string, number> } {
  // the default sort compares UTF-16 code units, like byCodeUnit
  const sorted = isAscending(ids) ? ids : [...ids].sort();
  return { sorted, index: indexOfSorted(sorted, what) };
}

function isAscending(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (!((ids[i - 1] as string) < (ids[i] as string))) return false;
  return true;
}

function indexOfSorted(sorted: readonly string[], what: string): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i] as string;
    // sorted: a duplicate is next to its twin
    if (i > 0 && sorted[i - 1] === id) throw new AllocationInputError(`${what} ${id} appears twice`);
    index.set(id, i);
  }
  return index;
}

// items (students or posts) rearranged into the order of their ids' index
function inIdOrder<T extends { id: string }>(items: readonly T[], index: ReadonlyMap<string, number>, sortedIds: readonly string[]): readonly T[] {
  // already in order (indexIds skipped the sort): nothing to look up, nothing to copy
  if (sortedIds.length === items.length && items.every((item, i) => item.id === sortedIds[i])) return items;
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
  // id → index in studentIds / postIds (the result's maps look ids up here)
  readonly studentIndex: ReadonlyMap<string, number>;
  readonly postIndex: ReadonlyMap<string, number>;
  readonly students: readonly AllocationStudent[];
  readonly posts: readonly AllocationPost[];
  readonly capacity: Int32Array;
  readonly withdrawn: Uint8Array;
  readonly forcedPost: Int32Array;
  readonly forcedCount: Int32Array;
  // student s's list at listStart[s] .. listStart[s + 1], one entry per preference in the student's order
  // (so entry e is choice e - listStart[s] + 1): the post, or -1 when the pair is not mutually acceptable
  // (unknown post, removed pair, the post does not rank the student)
  readonly listStart: Int32Array;
  readonly listPost: Int32Array;
  // the post's rank of the student (0 = the post's first)
  readonly listRank: Int32Array;
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
  const capacity = capacities(posts);
  const withdrawn = withdrawnFlags(students);

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
  removeStudentPairs(removed, students, P, postIndex);

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

  // student lists (CSR), one entry per preference. Every long loop is in a function of its own, alone
  // or followed by nothing that has not run before it: V8 compiles a long loop while it runs (on-stack
  // replacement), and code after it that has not run yet is compiled without type feedback, so it
  // deoptimises on reaching it, and (measured, Node 20) does so again on every later call, because that
  // compiled loop is kept and re-entered. Split this way, each function is compiled with what it needs.
  const listStart = listStarts(students, withdrawn, forcedPost);
  const total = listStart[S] as number;
  const listPost = new Int32Array(total);
  const listRank = new Int32Array(total).fill(-1);
  const kept = translateStudentLists(students, postIndex, removed, withdrawn, forcedPost, listStart, listPost);
  rankStudentLists(posts, studentIndex, listStart, listPost, listRank, kept);
  unlistUnranked(listPost, listRank);

  return { studentIds, postIds, studentIndex, postIndex, students, posts, capacity, withdrawn, forcedPost, forcedCount, listStart, listPost, listRank, constraints };
}

// Deferred acceptance on a prepared instance.
export function solve(prepared: PreparedAllocation): AllocationResult {
  const { studentIds, postIds, capacity, withdrawn, forcedPost, forcedCount, listStart, listPost, listRank } = prepared;
  const S = studentIds.length;
  const P = postIds.length;
  // places left after forced placements; heaps live at heapStart[p] .. + open[p]
  const open = new Int32Array(P);
  const heapStart = new Int32Array(P + 1);
  openPlaces(capacity, forcedCount, open, heapStart);
  const heapRank = new Int32Array(heapStart[P] as number);
  const heapStudent = new Int32Array(heapStart[P] as number);
  const held = new Int32Array(P);
  // next list entry to propose to
  const next = listStart.slice(0, S);
  const match = new Int32Array(S).fill(-1);
  const free = new Int32Array(S);
  const top = proposing(withdrawn, forcedPost, free);
  const proposals = propose(listStart, listPost, listRank, open, heapStart, heapRank, heapStudent, held, next, match, free, top);
  return collect(prepared, match, next, proposals);
}

// The free students (stack, the lowest index on top): those taking part and not forced. Returns how many.
function proposing(withdrawn: Uint8Array, forcedPost: Int32Array, free: Int32Array): number {
  let top = 0;
  for (let s = withdrawn.length - 1; s >= 0; s--) if (!withdrawn[s] && (forcedPost[s] as number) < 0) free[top++] = s;
  return top;
}

function openPlaces(capacity: Int32Array, forcedCount: Int32Array, open: Int32Array, heapStart: Int32Array): void {
  for (let p = 0; p < capacity.length; p++) {
    open[p] = Math.max(0, (capacity[p] as number) - (forcedCount[p] as number));
    heapStart[p + 1] = (heapStart[p] as number) + (open[p] as number);
  }
}

// The proposal loop; returns the number of proposals.
function propose(
  listStart: Int32Array,
  listPost: Int32Array,
  listRank: Int32Array,
  open: Int32Array,
  heapStart: Int32Array,
  heapRank: Int32Array,
  heapStudent: Int32Array,
  held: Int32Array,
  next: Int32Array,
  match: Int32Array,
  free: Int32Array,
  freeCount: number,
): number {
  let top = freeCount;
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
  return proposals;
}

// The result from the matching on indices: integers only (no string is hashed, no Map is built); the
// maps by id read these arrays through the run's own id → index maps.
function collect(prepared: PreparedAllocation, match: Int32Array, next: Int32Array, proposals: number): AllocationResult {
  const { studentIds, postIds, studentIndex, postIndex, capacity } = prepared;
  const S = studentIds.length;
  const P = postIds.length;
  // 1-based choice (0: none), and the post's rank of each placed student (unranked forced placements last)
  const choiceOf = new Int32Array(S);
  const placedRank = new Int32Array(S);
  const placedStart = new Int32Array(P + 1);
  const { matched, outside, withdrawnCount, counts, forcedStudents } = tally(prepared, match, next, choiceOf, placedRank, placedStart);
  // each post's placed students (CSR): by student index, then by the post's rank
  prefixSums(placedStart);
  const { places, emptyPlaces, postsWithEmptyPlaces } = emptyPlaceCounts(capacity, placedStart);
  const placedStudent = placedByPost(match, placedStart, matched);
  sortPlaced(placedStudent, placedStart, placedRank);

  const taking = S - withdrawnCount;
  const share = (n: number) => (taking === 0 ? 0 : n / taking);
  const byChoice: ChoiceCount[] = [];
  for (let i = 0; i < counts.length; i++) byChoice.push({ choice: i + 1, count: counts[i] ?? 0, share: share(counts[i] ?? 0) });

  const placedLists = new Array<string[] | undefined>(P);
  return {
    algorithmVersion: ALGORITHM_VERSION,
    assignment: new IdOrderMap(studentIds, studentIndex, (s) => {
      const m = match[s] as number;
      return m < 0 ? null : (postIds[m] as string);
    }),
    choice: new IdOrderMap(studentIds, studentIndex, (s) => ((choiceOf[s] as number) > 0 ? (choiceOf[s] as number) : null)),
    placed: new IdOrderMap(postIds, postIndex, (p) => {
      let list = placedLists[p];
      if (list === undefined) {
        list = [];
        for (let i = placedStart[p] as number; i < (placedStart[p + 1] as number); i++) list.push(studentIds[placedStudent[i] as number] as string);
        placedLists[p] = list;
      }
      return list;
    }),
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

interface Tally {
  matched: number;
  outside: number;
  withdrawnCount: number;
  // counts[c - 1]: placed in their c-th choice
  counts: number[];
  forcedStudents: Set<string>;
}

// Per student: forced placements into match, the choice and the post's rank; per post, how many placed
// (at placedCount[p + 1])
function tally(prepared: PreparedAllocation, match: Int32Array, next: Int32Array, choiceOf: Int32Array, placedRank: Int32Array, placedCount: Int32Array): Tally {
  const { studentIds, postIds, students, posts, withdrawn, forcedPost, listStart, listRank } = prepared;
  const forcedStudents = new Set<string>();
  const counts: number[] = [];
  let matched = 0;
  let outside = 0;
  let withdrawnCount = 0;
  for (let s = 0; s < studentIds.length; s++) {
    if (withdrawn[s]) withdrawnCount++;
    const f = forcedPost[s] as number;
    let c = 0;
    if (f >= 0) {
      match[s] = f;
      forcedStudents.add(studentIds[s] as string);
      c = (students[s] as AllocationStudent).preferences.indexOf(postIds[f] as string) + 1;
      const r = (posts[f] as AllocationPost).ranking.indexOf(studentIds[s] as string);
      placedRank[s] = r < 0 ? 0x7fffffff : r;
    } else if ((match[s] as number) >= 0) {
      const e = (next[s] as number) - 1;
      c = e - (listStart[s] as number) + 1;
      placedRank[s] = listRank[e] as number;
    }
    const m = match[s] as number;
    if (m < 0) continue;
    choiceOf[s] = c;
    placedCount[m + 1] = (placedCount[m + 1] as number) + 1;
    matched++;
    if (c > 0) counts[c - 1] = (counts[c - 1] ?? 0) + 1;
    else outside++;
  }
  return { matched, outside, withdrawnCount, counts, forcedStudents };
}

function emptyPlaceCounts(capacity: Int32Array, placedStart: Int32Array): { places: number; emptyPlaces: number; postsWithEmptyPlaces: number } {
  let places = 0;
  let emptyPlaces = 0;
  let postsWithEmptyPlaces = 0;
  for (let p = 0; p < capacity.length; p++) {
    places += capacity[p] as number;
    const empty = Math.max(0, (capacity[p] as number) - ((placedStart[p + 1] as number) - (placedStart[p] as number)));
    emptyPlaces += empty;
    if (empty > 0) postsWithEmptyPlaces++;
  }
  return { places, emptyPlaces, postsWithEmptyPlaces };
}

function placedByPost(match: Int32Array, placedStart: Int32Array, matched: number): Int32Array {
  const placedStudent = new Int32Array(matched);
  const cursor = placedStart.slice(0, placedStart.length - 1);
  for (let s = 0; s < match.length; s++) {
    const m = match[s] as number;
    if (m < 0) continue;
    const at = cursor[m] as number;
    cursor[m] = at + 1;
    placedStudent[at] = s;
  }
  return placedStudent;
}

function sortPlaced(placedStudent: Int32Array, placedStart: Int32Array, placedRank: Int32Array): void {
  for (let p = 0; p + 1 < placedStart.length; p++) sortByRank(placedStudent, placedStart[p] as number, placedStart[p + 1] as number, placedRank);
}

// placed[from .. to) (student indices, ascending) sorted by rank, then index: insertion sort for the
// usual few places, the built-in sort for large posts
function sortByRank(placed: Int32Array, from: number, to: number, rank: Int32Array): void {
  if (to - from < 2) return;
  if (to - from > 32) {
    const part = Array.from(placed.subarray(from, to)).sort((a, b) => (rank[a] as number) - (rank[b] as number) || a - b);
    placed.set(part, from);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const s = placed[i] as number;
    const r = rank[s] as number;
    let j = i - 1;
    // indices ascend, so equal ranks (unranked forced placements) keep their order
    while (j >= from && (rank[placed[j] as number] as number) > r) {
      placed[j + 1] = placed[j] as number;
      j--;
    }
    placed[j + 1] = s;
  }
}

// A read-only map over a run's ids (students or posts) in id order, whose values are read from the run's
// arrays on demand: the run's id → index map does the lookups, so building it hashes nothing.
class IdOrderMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly ids: readonly string[],
    private readonly index: ReadonlyMap<string, number>,
    private readonly valueAt: (i: number) => V,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  get(id: string): V | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.valueAt(i);
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.ids.length; i++) callback.call(thisArg, this.valueAt(i), this.ids[i] as string, this);
  }

  *entries(): MapIterator<[string, V]> {
    for (let i = 0; i < this.ids.length; i++) yield [this.ids[i] as string, this.valueAt(i)];
  }

  *keys(): MapIterator<string> {
    for (let i = 0; i < this.ids.length; i++) yield this.ids[i] as string;
  }

  *values(): MapIterator<V> {
    for (let i = 0; i < this.ids.length; i++) yield this.valueAt(i);
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}

function capacities(posts: readonly AllocationPost[]): Int32Array {
  const capacity = new Int32Array(posts.length);
  for (let i = 0; i < posts.length; i++) capacity[i] = (posts[i] as AllocationPost).capacity;
  return capacity;
}

function withdrawnFlags(students: readonly AllocationStudent[]): Uint8Array {
  const withdrawn = new Uint8Array(students.length);
  for (let s = 0; s < students.length; s++) if ((students[s] as AllocationStudent).withdrawn) withdrawn[s] = 1;
  return withdrawn;
}

function removeStudentPairs(removed: Set<number>, students: readonly AllocationStudent[], P: number, postIndex: ReadonlyMap<string, number>): void {
  for (let s = 0; s < students.length; s++) {
    const st = students[s] as AllocationStudent;
    if (st.withdrewFrom) removePairs(removed, s, P, st.withdrewFrom, postIndex);
    if (st.notEligibleFor) removePairs(removed, s, P, st.notEligibleFor, postIndex);
  }
}

// where each student's list starts: taking part and not forced, one entry per preference; else empty
function listStarts(students: readonly AllocationStudent[], withdrawn: Uint8Array, forcedPost: Int32Array): Int32Array {
  const S = students.length;
  const listStart = new Int32Array(S + 1);
  let total = 0;
  for (let s = 0; s < S; s++) {
    listStart[s] = total;
    if (!withdrawn[s] && (forcedPost[s] as number) < 0) total += (students[s] as AllocationStudent).preferences.length;
  }
  listStart[S] = total;
  return listStart;
}

// entries the post does not rank are not acceptable
function unlistUnranked(listPost: Int32Array, listRank: Int32Array): void {
  for (let e = 0; e < listPost.length; e++) if ((listRank[e] as number) < 0) listPost[e] = -1;
}

// Withdrawn-from or not-eligible posts: the pairs (s * P + p) are removed from both lists.
function removePairs(removed: Set<number>, s: number, P: number, ids: readonly string[], postIndex: ReadonlyMap<string, number>): void {
  for (let j = 0; j < ids.length; j++) {
    const p = postIndex.get(ids[j] as string);
    if (p !== undefined) removed.add(s * P + p);
  }
}

// Each taking-part, not-forced student's preferences as post indices, at listStart[s] + position;
// unknown posts and removed pairs get -1. Returns how many entries name a post.
function translateStudentLists(
  students: readonly AllocationStudent[],
  postIndex: ReadonlyMap<string, number>,
  removed: ReadonlySet<number>,
  withdrawn: Uint8Array,
  forcedPost: Int32Array,
  listStart: Int32Array,
  listPost: Int32Array,
): number {
  const S = students.length;
  const P = postIndex.size;
  const checkRemoved = removed.size > 0;
  // seen[p] === s: student s already listed post p
  const seen = new Int32Array(P).fill(-1);
  let kept = 0;
  for (let s = 0; s < S; s++) {
    if (withdrawn[s] || (forcedPost[s] as number) >= 0) continue;
    const prefs = (students[s] as AllocationStudent).preferences;
    const k = listStart[s] as number;
    for (let j = 0; j < prefs.length; j++) {
      const p = postIndex.get(prefs[j] as string);
      if (p === undefined) {
        listPost[k + j] = -1;
        continue;
      }
      if (seen[p] === s) throw new AllocationInputError(`Student ${(students[s] as AllocationStudent).id} ranks post ${prefs[j]} twice`);
      seen[p] = s;
      if (checkRemoved && removed.has(s * P + p)) {
        listPost[k + j] = -1;
        continue;
      }
      listPost[k + j] = p;
      kept++;
    }
  }
  return kept;
}

// The post's rank of each student who listed it; entries no post ranked keep -1 (not acceptable).
// Each ranking id is looked up once, post after post: first the post's applicants (from the students'
// lists, grouped by post with a counting sort) are marked in a per-student array, then each id of the
// post's ranking is looked up and, when marked, its rank written into the applicant's list entry. One
// pass over the rankings, and no per-pair search.
function rankStudentLists(
  posts: readonly AllocationPost[],
  studentIndex: ReadonlyMap<string, number>,
  listStart: Int32Array,
  listPost: Int32Array,
  listRank: Int32Array,
  kept: number,
): void {
  const P = posts.length;
  const S = studentIndex.size;
  // 1. the list entries grouped by post: applicantStart[p] .. applicantStart[p + 1] (student, entry)
  const applicantStart = applicantsPerPost(listPost, P);
  prefixSums(applicantStart);
  const applicantStudent = new Int32Array(kept);
  const applicantEntry = new Int32Array(kept);
  groupByPost(listStart, listPost, applicantStart, applicantStudent, applicantEntry);
  // 2. post after post: mark its applicants, then read its ranking. mark[2s] is 2p when student s listed
  // post p (at entry mark[2s + 1]) and 2p + 1 once p's ranking named s (a second time is a repeat); one
  // array, the two numbers side by side, so each ranking entry touches one place besides the lookup
  const mark = new Int32Array(2 * S).fill(-1);
  for (let p = 0; p < P; p++) rankPost(p, posts[p] as AllocationPost, studentIndex, applicantStart, applicantStudent, applicantEntry, mark, listRank);
}

// how many list entries name each post, at [p + 1]
function applicantsPerPost(listPost: Int32Array, P: number): Int32Array {
  const applicantStart = new Int32Array(P + 1);
  for (let e = 0; e < listPost.length; e++) {
    const p = listPost[e] as number;
    if (p >= 0) applicantStart[p + 1] = (applicantStart[p + 1] as number) + 1;
  }
  return applicantStart;
}

function prefixSums(a: Int32Array): void {
  for (let i = 1; i < a.length; i++) a[i] = (a[i] as number) + (a[i - 1] as number);
}

function groupByPost(listStart: Int32Array, listPost: Int32Array, applicantStart: Int32Array, applicantStudent: Int32Array, applicantEntry: Int32Array): void {
  const cursor = applicantStart.slice(0, applicantStart.length - 1);
  const S = listStart.length - 1;
  for (let s = 0; s < S; s++) {
    const end = listStart[s + 1] as number;
    for (let e = listStart[s] as number; e < end; e++) {
      const p = listPost[e] as number;
      if (p < 0) continue;
      const at = cursor[p] as number;
      cursor[p] = at + 1;
      applicantStudent[at] = s;
      applicantEntry[at] = e;
    }
  }
}

function rankPost(
  p: number,
  post: AllocationPost,
  studentIndex: ReadonlyMap<string, number>,
  applicantStart: Int32Array,
  applicantStudent: Int32Array,
  applicantEntry: Int32Array,
  mark: Int32Array,
  listRank: Int32Array,
): void {
  const end = applicantStart[p + 1] as number;
  for (let i = applicantStart[p] as number; i < end; i++) {
    const s = applicantStudent[i] as number;
    mark[2 * s] = 2 * p;
    mark[2 * s + 1] = applicantEntry[i] as number;
  }
  const ranking = post.ranking;
  for (let r = 0; r < ranking.length; r++) {
    const s = studentIndex.get(ranking[r] as string);
    if (s === undefined) continue;
    const m = mark[2 * s] as number;
    if (m === 2 * p + 1) throw new AllocationInputError(`Post ${post.id} ranks student ${ranking[r]} twice`);
    if (m === 2 * p) listRank[mark[2 * s + 1] as number] = r;
    mark[2 * s] = 2 * p + 1;
  }
}

function pick(c: StaffConstraint): StaffConstraint {
  return { studentId: c.studentId, postId: c.postId, reason: c.reason };
}
