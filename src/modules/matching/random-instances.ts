// Seeded random allocation instances for the property tests and the benchmark (no Math.random: a seed reproduces).
import type { AllocationInput, AllocationPost, AllocationStudent, StaffConstraint } from './deferred-acceptance.ts';

// mulberry32
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const array = [...items];
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [array[i], array[j]] = [array[j] as T, array[i] as T];
  }
  return array;
}

export interface SmallOptions {
  maxStudents: number;
  maxPosts: number;
  maxCapacity: number;
  // add forced placements, exclusions, withdrawals and ineligibility
  constraints: boolean;
  // the chance that a student lists a post, and a post ranks a student (default 0.75 and 0.8)
  density?: number;
}

// a small instance: every kind of list, incomplete on both sides
export function smallInstance(random: () => number, options: SmallOptions): AllocationInput {
  const nS = randomInt(random, 1, options.maxStudents);
  const nP = randomInt(random, 1, options.maxPosts);
  const studentIds = Array.from({ length: nS }, (_, i) => `s${i}`);
  const postIds = Array.from({ length: nP }, (_, i) => `p${i}`);
  const pick = <T>(items: readonly T[], chance: number) => shuffled(random, items).filter(() => random() < chance);
  const students: AllocationStudent[] = studentIds.map((id) => {
    const student: AllocationStudent = { id, preferences: pick(postIds, options.density ?? 0.75) };
    if (options.constraints) {
      if (random() < 0.05) student.withdrawn = true;
      if (random() < 0.1) student.withdrewFrom = pick(student.preferences, 0.4);
      if (random() < 0.1) student.notEligibleFor = pick(student.preferences, 0.4);
    }
    return student;
  });
  const posts: AllocationPost[] = postIds.map((id) => ({
    id,
    capacity: options.maxCapacity > 1 && random() < 0.08 ? 0 : randomInt(random, 1, options.maxCapacity),
    ranking: pick(studentIds, options.density ?? 0.8),
  }));
  const forced: StaffConstraint[] = [];
  const excluded: StaffConstraint[] = [];
  if (options.constraints) {
    const n = random() < 0.3 ? randomInt(random, 1, 2) : 0;
    for (let i = 0; i < n; i++) {
      forced.push({ studentId: studentIds[randomInt(random, 0, nS - 1)] as string, postId: postIds[randomInt(random, 0, nP - 1)] as string, reason: `forced ${i}` });
    }
    const m = random() < 0.3 ? randomInt(random, 1, 3) : 0;
    for (let i = 0; i < m; i++) {
      excluded.push({ studentId: studentIds[randomInt(random, 0, nS - 1)] as string, postId: postIds[randomInt(random, 0, nP - 1)] as string, reason: `excluded ${i}` });
    }
  }
  return { students, posts, forced, excluded };
}

export interface LargeOptions {
  students: number;
  posts: number;
  choices: number;
  // capacities: either a range, or a total spread over the posts
  capacity: { min: number; max: number } | { total: number };
  seed: number;
  // popularity of the post at rank i is 1 / (i + 1)^skew (default 0.6: the favourite post draws
  // thousands of applicants, the median one a few dozen)
  skew?: number;
}

// A realistic large instance: post popularity is skewed (a Zipf-like weight), each student ranks `choices`
// distinct posts drawn by popularity; each post ranks every applicant by a score (the student's quality
// plus noise), and leaves the bottom 10% unranked ("not appointable").
export function largeInstance(options: LargeOptions): AllocationInput {
  const random = prng(options.seed);
  const P = options.posts;
  const weight = Array.from({ length: P }, (_, i) => 1 / Math.pow(i + 1, options.skew ?? 0.6));
  const cumulative = new Float64Array(P);
  let sum = 0;
  for (let i = 0; i < P; i++) {
    sum += weight[i] as number;
    cumulative[i] = sum;
  }
  const draw = (): number => {
    const x = random() * sum;
    let lo = 0;
    let hi = P - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const postIds = Array.from({ length: P }, (_, i) => `post-${String(i).padStart(5, '0')}`);
  const applicants: number[][] = Array.from({ length: P }, () => []);
  const quality = new Float64Array(options.students);
  const students: AllocationStudent[] = [];
  for (let s = 0; s < options.students; s++) {
    quality[s] = random();
    const chosen = new Set<number>();
    const k = Math.min(options.choices, P);
    while (chosen.size < k) chosen.add(draw());
    const preferences = [...chosen].map((p) => postIds[p] as string);
    for (const p of chosen) (applicants[p] as number[]).push(s);
    students.push({ id: `student-${String(s).padStart(6, '0')}`, preferences });
  }
  const capacity = new Int32Array(P);
  if ('total' in options.capacity) {
    // one place each, the rest spread at random (programme sizes do not follow popularity)
    for (let p = 0; p < P; p++) capacity[p] = 1;
    for (let i = P; i < options.capacity.total; i++) {
      const p = Math.floor(random() * P);
      capacity[p] = (capacity[p] as number) + 1;
    }
  } else {
    for (let p = 0; p < P; p++) capacity[p] = randomInt(random, options.capacity.min, options.capacity.max);
  }
  const posts: AllocationPost[] = postIds.map((id, p) => {
    const scored = (applicants[p] as number[]).map((s) => ({ s, score: (quality[s] as number) + random() * 0.5 }));
    scored.sort((a, b) => b.score - a.score);
    const keep = Math.ceil(scored.length * 0.9);
    return { id, capacity: capacity[p] as number, ranking: scored.slice(0, keep).map(({ s }) => (students[s] as AllocationStudent).id) };
  });
  return { students, posts };
}
