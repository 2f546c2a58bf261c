// Property tests of the allocation engine on thousands of seeded random instances.
// A failure names its seed: ALLOCATION_SEED=<seed> reruns from it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocate, type AllocationInput, type AllocationResult } from './deferred-acceptance.ts';
import { AllocationExplainer } from './explanations.ts';
import { prng, shuffled, smallInstance, type SmallOptions } from './random-instances.ts';

const BASE_SEED = Number(process.env.ALLOCATION_SEED ?? 20261128);

function forEachSeed(count: number, options: SmallOptions, check: (input: AllocationInput, seed: number) => void): void {
  for (let i = 0; i < count; i++) {
    const seed = BASE_SEED + i;
    const input = smallInstance(prng(seed), options);
    try {
      check(input, seed);
    } catch (error) {
      console.error(`Allocation property failed for seed ${seed}: ${JSON.stringify(input)}`);
      throw error;
    }
  }
}

// an independent reading of the instance, by id, for the checks
interface Model {
  capacity: Map<string, number>;
  postRank: Map<string, Map<string, number>>;
  studentRank: Map<string, Map<string, number>>;
  // students taking part in proposing (not withdrawn, not forced)
  proposing: Set<string>;
  forced: Map<string, string>;
  forcedCount: Map<string, number>;
  removed: Set<string>;
}

const key = (s: string, p: string) => `${s}|${p}`;

function model(input: AllocationInput, result: AllocationResult): Model {
  const removed = new Set<string>();
  for (const c of result.constraints) if (c.kind === 'excluded' && c.applied) removed.add(key(c.studentId, c.postId));
  for (const s of input.students) for (const p of [...(s.withdrewFrom ?? []), ...(s.notEligibleFor ?? [])]) removed.add(key(s.id, p));
  const forced = new Map<string, string>();
  const forcedCount = new Map<string, number>();
  for (const c of result.constraints) {
    if (c.kind === 'forced' && c.applied && !forced.has(c.studentId)) {
      forced.set(c.studentId, c.postId);
      forcedCount.set(c.postId, (forcedCount.get(c.postId) ?? 0) + 1);
    }
  }
  return {
    capacity: new Map(input.posts.map((p) => [p.id, p.capacity])),
    postRank: new Map(input.posts.map((p) => [p.id, new Map(p.ranking.map((s, i) => [s, i]))])),
    studentRank: new Map(input.students.map((s) => [s.id, new Map(s.preferences.map((p, i) => [p, i]))])),
    proposing: new Set(input.students.filter((s) => !s.withdrawn && !forced.has(s.id)).map((s) => s.id)),
    forced,
    forcedCount,
    removed,
  };
}

function acceptable(m: Model, s: string, p: string): boolean {
  return m.studentRank.get(s)?.has(p) === true && m.postRank.get(p)?.has(s) === true && !m.removed.has(key(s, p));
}

// the places open to proposing students
function open(m: Model, p: string): number {
  return Math.max(0, (m.capacity.get(p) ?? 0) - (m.forcedCount.get(p) ?? 0));
}

function checkStable(m: Model, assignment: ReadonlyMap<string, string | null>): void {
  const holders = new Map<string, string[]>();
  for (const [s, p] of assignment) if (p !== null && m.proposing.has(s)) holders.set(p, [...(holders.get(p) ?? []), s]);
  for (const s of m.proposing) {
    const mine = assignment.get(s) ?? null;
    const prefs = m.studentRank.get(s) as Map<string, number>;
    const myRank = mine === null ? Number.POSITIVE_INFINITY : (prefs.get(mine) as number);
    for (const [p, r] of prefs) {
      if (r >= myRank || !acceptable(m, s, p)) continue;
      const held = holders.get(p) ?? [];
      assert.ok(held.length >= open(m, p), `blocking pair: ${s} and ${p} (a free place)`);
      const ranks = m.postRank.get(p) as Map<string, number>;
      const worst = Math.max(...held.map((h) => ranks.get(h) as number));
      assert.ok(held.length === 0 || worst < (ranks.get(s) as number), `blocking pair: ${s} and ${p} (prefers ${s} to a holder)`);
    }
  }
}

function checkFeasible(m: Model, input: AllocationInput, result: AllocationResult): void {
  const counts = new Map<string, number>();
  for (const s of input.students) {
    const p = result.assignment.get(s.id);
    assert.notEqual(p, undefined, `every student is in the assignment`);
    if (s.withdrawn) assert.equal(p, null, `withdrawn ${s.id} is unplaced`);
    if (p === null || p === undefined) continue;
    counts.set(p, (counts.get(p) ?? 0) + 1);
    const f = m.forced.get(s.id);
    if (f !== undefined) assert.equal(p, f, `forced ${s.id} is at ${f}`);
    else assert.ok(acceptable(m, s.id, p), `${s.id} at ${p} is mutually acceptable and not excluded`);
  }
  for (const [s, p] of m.forced) assert.equal(result.assignment.get(s), p, `forced placement ${s} → ${p} honoured`);
  for (const post of input.posts) {
    const n = counts.get(post.id) ?? 0;
    assert.ok(n <= Math.max(post.capacity, m.forcedCount.get(post.id) ?? 0), `capacity of ${post.id}`);
    assert.deepEqual([...(result.placed.get(post.id) ?? [])].sort(), [...result.assignment].filter(([, p]) => p === post.id).map(([s]) => s).sort());
  }
}

// every stable matching, by enumeration (on indices: this runs on thousands of instances)
function allStable(m: Model, input: AllocationInput): Map<string, string | null>[] {
  const students = input.students.map((s) => s.id).filter((s) => m.proposing.has(s));
  const posts = input.posts.map((p) => p.id);
  const n = students.length;
  const openOf = posts.map((p) => open(m, p));
  // options[i]: acceptable posts, as [post index, student's rank, post's rank]
  const options = students.map((s) =>
    posts.flatMap((p, j) => (acceptable(m, s, p) ? [[j, m.studentRank.get(s)?.get(p) as number, m.postRank.get(p)?.get(s) as number] as const] : [])),
  );
  const at = new Array<number>(n).fill(-1); // index into options[i], -1 unplaced
  const used = new Array<number>(posts.length).fill(0);
  const found: Map<string, string | null>[] = [];
  const stable = (): boolean => {
    for (let i = 0; i < n; i++) {
      const mine = options[i] as (readonly [number, number, number])[];
      const myRank = (at[i] as number) < 0 ? Infinity : (mine[at[i] as number] as readonly number[])[1] as number;
      for (const [p, sr, pr] of mine) {
        if (sr >= myRank) continue;
        if ((used[p] as number) < (openOf[p] as number)) return false;
        for (let k = 0; k < n; k++) {
          const o = options[k] as (readonly [number, number, number])[];
          const a = at[k] as number;
          if (a >= 0 && (o[a] as readonly number[])[0] === p && ((o[a] as readonly number[])[2] as number) > pr) return false;
        }
      }
    }
    return true;
  };
  const visit = (i: number) => {
    if (i === n) {
      if (stable()) found.push(new Map(students.map((s, k) => [s, (at[k] as number) < 0 ? null : (posts[((options[k] as (readonly number[])[])[at[k] as number] as readonly number[])[0] as number] as string)])));
      return;
    }
    at[i] = -1;
    visit(i + 1);
    const mine = options[i] as (readonly [number, number, number])[];
    for (let o = 0; o < mine.length; o++) {
      const p = (mine[o] as readonly number[])[0] as number;
      if ((used[p] as number) >= (openOf[p] as number)) continue;
      used[p] = (used[p] as number) + 1;
      at[i] = o;
      visit(i + 1);
      used[p] = (used[p] as number) - 1;
    }
    at[i] = -1;
  };
  visit(0);
  return found;
}

function rankOf(m: Model, s: string, p: string | null | undefined): number {
  return p === null || p === undefined ? Number.POSITIVE_INFINITY : (m.studentRank.get(s)?.get(p) ?? Number.POSITIVE_INFINITY);
}

function comparable(result: AllocationResult) {
  return {
    assignment: [...result.assignment],
    choice: [...result.choice],
    placed: [...result.placed],
    forced: [...result.forcedStudents],
    statistics: result.statistics,
    constraints: result.constraints,
  };
}

const SMALL: SmallOptions = { maxStudents: 6, maxPosts: 4, maxCapacity: 2, constraints: false };
const SMALL_CONSTRAINED: SmallOptions = { ...SMALL, constraints: true };
const MEDIUM: SmallOptions = { maxStudents: 40, maxPosts: 12, maxCapacity: 4, constraints: true };

describe('allocation properties', () => {
  it('is stable, feasible and honours the constraints (3,000 instances up to 40 students)', () => {
    let placedSomewhere = 0;
    forEachSeed(1500, SMALL_CONSTRAINED, (input) => {
      const result = allocate(input);
      const m = model(input, result);
      checkFeasible(m, input, result);
      checkStable(m, result.assignment);
      placedSomewhere += result.statistics.matched;
    });
    forEachSeed(1500, MEDIUM, (input) => {
      const result = allocate(input);
      const m = model(input, result);
      checkFeasible(m, input, result);
      checkStable(m, result.assignment);
    });
    assert.ok(placedSomewhere > 1000, 'the instances place students');
  });

  it('is the student-optimal stable matching (brute force, 3,000 instances ≤ 6 students, ≤ 6 posts)', () => {
    let multiple = 0;
    const check = (input: AllocationInput) => {
      const result = allocate(input);
      const m = model(input, result);
      const stable = allStable(m, input);
      assert.ok(stable.length > 0, 'a stable matching exists');
      if (stable.length > 1) multiple++;
      const optimal = stable.filter((candidate) => stable.every((other) => [...m.proposing].every((s) => rankOf(m, s, candidate.get(s)) <= rankOf(m, s, other.get(s)))));
      assert.equal(optimal.length, 1, 'exactly one student-optimal stable matching');
      for (const s of m.proposing) assert.equal(result.assignment.get(s), (optimal[0] as Map<string, string | null>).get(s), `student ${s}`);
    };
    forEachSeed(1500, SMALL_CONSTRAINED, check);
    // one place per post and (nearly) complete lists, where several stable matchings are common
    forEachSeed(1000, { maxStudents: 6, maxPosts: 6, maxCapacity: 1, constraints: false, density: 0.95 }, check);
    forEachSeed(500, { maxStudents: 6, maxPosts: 4, maxCapacity: 2, constraints: false, density: 0.95 }, check);
    // the instances are not all trivial: some have several stable matchings to choose from
    assert.ok(multiple > 60, `instances with several stable matchings: ${multiple}`);
  });

  it('does not depend on the order of the input (2,000 instances)', () => {
    forEachSeed(2000, { ...MEDIUM, maxStudents: 15, maxPosts: 6 }, (input, seed) => {
      const random = prng(seed ^ 0x5eed);
      const reordered: AllocationInput = {
        students: shuffled(random, input.students).map((s) => ({
          ...s,
          withdrewFrom: s.withdrewFrom && shuffled(random, s.withdrewFrom),
          notEligibleFor: s.notEligibleFor && shuffled(random, s.notEligibleFor),
        })),
        posts: shuffled(random, input.posts),
        forced: shuffled(random, input.forced ?? []),
        excluded: shuffled(random, input.excluded ?? []),
      };
      assert.deepEqual(comparable(allocate(reordered)), comparable(allocate(input)));
    });
  });

  it('re-run without one student: nobody who held a place is moved to a post they ranked lower (2,000 instances)', () => {
    let improved = 0;
    forEachSeed(2000, { ...MEDIUM, maxStudents: 20, maxPosts: 8 }, (input, seed) => {
      const before = allocate(input);
      const m = model(input, before);
      const random = prng(seed ^ 0xdec1);
      const leaving = (input.students[Math.floor(random() * input.students.length)] as { id: string }).id;
      // staff re-run without the student: removed altogether, or kept as withdrawn; the others fare the same
      const without: AllocationInput = { ...input, students: input.students.filter((s) => s.id !== leaving) };
      const withdrawn: AllocationInput = { ...input, students: input.students.map((s) => (s.id === leaving ? { ...s, withdrawn: true } : s)) };
      const after = allocate(without);
      const afterWithdrawn = allocate(withdrawn);
      for (const s of input.students) {
        if (s.id === leaving) continue;
        const was = rankOf(m, s.id, before.assignment.get(s.id));
        const now = rankOf(m, s.id, after.assignment.get(s.id));
        assert.ok(now <= was, `${s.id} moved from choice ${was + 1} to ${now + 1} after ${leaving} left`);
        if (before.assignment.get(s.id) !== null) assert.notEqual(after.assignment.get(s.id), null, `${s.id} keeps a place`);
        if (now < was) improved++;
        assert.equal(afterWithdrawn.assignment.get(s.id), after.assignment.get(s.id), 'withdrawn = removed, for the others');
      }
    });
    assert.ok(improved > 50, `someone benefits from a freed place: ${improved}`);
  });

  it('re-run after declines, expiries and acceptances: offers never move down, everyone remaining fares at least as well (3,000 instances)', () => {
    // Run 1 sends offers. Then some offer holders decline or let the offer expire, and some unplaced
    // students leave too: they are removed (or, the same for the others, kept and marked withdrawn).
    // Some holders accept: staff force them to their post (a forced placement uses one of its places).
    // The rest still hold their offer. In the re-run: an accepted student is where they accepted;
    // nobody who holds an offer is placed lower in their own list (nor unplaced); and every remaining
    // student is placed at least as high as before. Theory: forcing an accepted student to their post is
    // removing them with one place fewer, which leaves run 1's matching stable among those remaining;
    // removing students then only helps the others (Gale & Sotomayor 1985), and the result is the
    // student-optimal stable matching, which is at least as good for every student as any stable one.
    let improved = 0;
    let accepted = 0;
    let left = 0;
    forEachSeed(3000, { ...MEDIUM, maxStudents: 20, maxPosts: 8 }, (input, seed) => {
      const before = allocate(input);
      const m = model(input, before);
      const random = prng(seed ^ 0x0ffe5);
      const leaving = new Set<string>();
      const accepting = new Map<string, string>();
      for (const s of input.students) {
        if (s.withdrawn) continue;
        const post = before.assignment.get(s.id) ?? null;
        const x = random();
        if (post === null) {
          if (x < 0.1) leaving.add(s.id);
        } else if (x < 0.3) leaving.add(s.id);
        else if (x < 0.6) accepting.set(s.id, post);
      }
      left += leaving.size;
      accepted += accepting.size;
      // staff's earlier constraints stay; an accepted student's forced placement replaces theirs
      const forced = [
        ...(input.forced ?? []).filter((c) => !accepting.has(c.studentId)),
        ...[...accepting].map(([studentId, postId]) => ({ studentId, postId, reason: 'accepted the offer' })),
      ];
      const removed: AllocationInput = { ...input, students: input.students.filter((s) => !leaving.has(s.id)), forced };
      const withdrawn: AllocationInput = { ...removed, students: input.students.map((s) => (leaving.has(s.id) ? { ...s, withdrawn: true } : s)) };
      const after = allocate(removed);
      const afterWithdrawn = allocate(withdrawn);
      const counts = new Map<string, number>();
      for (const s of input.students) {
        if (leaving.has(s.id) || s.withdrawn) continue;
        const was = before.assignment.get(s.id) ?? null;
        const now = after.assignment.get(s.id) ?? null;
        assert.equal(afterWithdrawn.assignment.get(s.id), now, `${s.id}: leavers removed or marked withdrawn, the same for the others`);
        if (now !== null) counts.set(now, (counts.get(now) ?? 0) + 1);
        const target = accepting.get(s.id);
        if (target !== undefined) assert.equal(now, target, `${s.id} accepted ${target} and stays there`);
        if (was !== null) {
          assert.notEqual(now, null, `${s.id} held an offer for ${was} and keeps a place`);
          // a forced placement outside the student's list stays exactly where it is
          if (!m.studentRank.get(s.id)?.has(was)) assert.equal(now, was, `${s.id} stays at ${was}`);
        }
        const wasRank = rankOf(m, s.id, was);
        const nowRank = rankOf(m, s.id, now);
        assert.ok(nowRank <= wasRank, `${s.id} moved from choice ${wasRank + 1} to ${nowRank + 1} in the re-run`);
        if (nowRank < wasRank) improved++;
      }
      // the re-run keeps to the places: accepted students take theirs
      for (const post of input.posts) {
        const forcedHere = forced.filter((c) => c.postId === post.id && after.forcedStudents.has(c.studentId)).length;
        assert.ok((counts.get(post.id) ?? 0) <= Math.max(post.capacity, forcedHere), `capacity of ${post.id} in the re-run`);
      }
    });
    assert.ok(left > 1000 && accepted > 1000, `students leave (${left}) and accept (${accepted})`);
    assert.ok(improved > 300, `someone benefits from a freed place: ${improved}`);
  });

  it('explains every choice above the result and every missed candidate (2,000 instances)', () => {
    const seen = new Set<string>();
    forEachSeed(2000, MEDIUM, (input) => {
      const result = allocate(input);
      const explainer = new AllocationExplainer(input, result);
      for (const s of input.students) {
        const e = explainer.student(s.id);
        const expected = e.postId === null || e.choice === null ? s.preferences.length : e.choice - 1;
        assert.equal(e.higherChoices.length, expected, `${s.id}: one explanation per higher choice`);
        for (const c of e.higherChoices) {
          assert.notEqual(c.reason, 'unexplained', `${s.id} / ${c.postId}`);
          seen.add(`student:${c.reason}`);
        }
      }
      for (const p of input.posts) {
        for (const c of explainer.post(p.id).missed) {
          assert.notEqual(c.reason, 'unexplained', `${p.id} / ${c.studentId}`);
          seen.add(`partner:${c.reason}`);
        }
      }
    });
    for (const reason of ['withdrew', 'excluded', 'not-eligible', 'placed-by-team', 'not-ranked', 'places-filled', 'no-places']) {
      assert.ok(seen.has(`student:${reason}`), `student reason ${reason} occurs`);
    }
    for (const reason of ['withdrew', 'not-eligible', 'excluded', 'placed-by-team', 'did-not-choose', 'placed-preferred']) {
      assert.ok(seen.has(`partner:${reason}`), `partner reason ${reason} occurs`);
    }
  });
});
