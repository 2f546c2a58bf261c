// An allocation result as stored with its run (JSON), and back. The Maps of AllocationResult become
// plain objects keyed by id; the order of keys is the result's (id order).
import { customType } from 'drizzle-orm/pg-core';
import type { AllocationInput, AllocationPost, AllocationResult, AllocationStatistics, AllocationStudent, ConstraintOutcome, StaffConstraint } from './deferred-acceptance.ts';

export interface StoredAllocationResult {
  algorithmVersion: string;
  // every student (application id) → post id, or null when unplaced or withdrawn
  assignment: Record<string, string | null>;
  // 1-based place of the post in the student's list; null when unplaced or placed outside it
  choice: Record<string, number | null>;
  // every post → placed students, the partner's order first
  placed: Record<string, string[]>;
  forcedStudents: string[];
  statistics: AllocationStatistics;
  constraints: ConstraintOutcome[];
}

export function toStoredResult(result: AllocationResult): StoredAllocationResult {
  return {
    algorithmVersion: result.algorithmVersion,
    assignment: Object.fromEntries(result.assignment),
    choice: Object.fromEntries(result.choice),
    placed: Object.fromEntries(result.placed),
    forcedStudents: [...result.forcedStudents],
    statistics: result.statistics,
    constraints: result.constraints,
  };
}

export function fromStoredResult(stored: StoredAllocationResult): AllocationResult {
  return {
    algorithmVersion: stored.algorithmVersion,
    assignment: new Map(Object.entries(stored.assignment)),
    choice: new Map(Object.entries(stored.choice)),
    placed: new Map(Object.entries(stored.placed)),
    forcedStudents: new Set(stored.forcedStudents),
    statistics: stored.statistics,
    constraints: stored.constraints,
  };
}

// ---------------------------------------------------------------------------------------------
// The stored form (jsonb). An input for 20,000 students names ~220,000 ids, and the result another
// ~45,000: as plain JSON that is ~16 MB a run, and handing it to the embedded database took seconds.
// So each id is written once, in a table of ids, and everything else refers to its position there:
// ~3 MB, read back into exactly the same objects (a key is present iff it was, as with plain JSON).

const INPUT_FORMAT = 'indexed-input/1';
const RESULT_FORMAT = 'indexed-result/1';

type Flags = { withdrawn?: boolean; withdrewFrom?: number[]; notEligibleFor?: number[] };
export interface PackedInput {
  format: typeof INPUT_FORMAT;
  ids: string[];
  // [id, preferences, flags?]
  students: ([number, number[]] | [number, number[], Flags])[];
  // [id, capacity, ranking]
  posts: [number, number, number[]][];
  forced?: [number, number, string][];
  excluded?: [number, number, string][];
}

export function packInput(input: AllocationInput): PackedInput {
  const ids: string[] = [];
  const at = new Map<string, number>();
  const ref = (id: string): number => {
    let i = at.get(id);
    if (i === undefined) {
      i = ids.length;
      ids.push(id);
      at.set(id, i);
    }
    return i;
  };
  const refs = (list: readonly string[]) => list.map(ref);
  const students = input.students.map((s): [number, number[]] | [number, number[], Flags] => {
    const flags: Flags = {};
    if (s.withdrawn !== undefined) flags.withdrawn = s.withdrawn;
    if (s.withdrewFrom !== undefined) flags.withdrewFrom = refs(s.withdrewFrom);
    if (s.notEligibleFor !== undefined) flags.notEligibleFor = refs(s.notEligibleFor);
    const head: [number, number[]] = [ref(s.id), refs(s.preferences)];
    return Object.keys(flags).length === 0 ? head : [head[0], head[1], flags];
  });
  const posts = input.posts.map((p): [number, number, number[]] => [ref(p.id), p.capacity, refs(p.ranking)]);
  const packed: PackedInput = { format: INPUT_FORMAT, ids, students, posts };
  const constraints = (list: readonly StaffConstraint[]) => list.map((c): [number, number, string] => [ref(c.studentId), ref(c.postId), c.reason]);
  if (input.forced !== undefined) packed.forced = constraints(input.forced);
  if (input.excluded !== undefined) packed.excluded = constraints(input.excluded);
  return packed;
}

export function unpackInput(packed: PackedInput | AllocationInput): AllocationInput {
  // runs stored before the packed form are plain
  if (!('format' in packed)) return packed;
  const { ids } = packed;
  const id = (i: number): string => ids[i] as string;
  const students = packed.students.map((row): AllocationStudent => {
    const student: AllocationStudent = { id: id(row[0]), preferences: row[1].map(id) };
    const flags = row[2];
    if (flags?.withdrawn !== undefined) student.withdrawn = flags.withdrawn;
    if (flags?.withdrewFrom !== undefined) student.withdrewFrom = flags.withdrewFrom.map(id);
    if (flags?.notEligibleFor !== undefined) student.notEligibleFor = flags.notEligibleFor.map(id);
    return student;
  });
  const posts = packed.posts.map(([p, capacity, ranking]): AllocationPost => ({ id: id(p), capacity, ranking: ranking.map(id) }));
  const input: { -readonly [K in keyof AllocationInput]: AllocationInput[K] } = { students, posts };
  const constraints = (list: [number, number, string][]) => list.map(([s, p, reason]): StaffConstraint => ({ studentId: id(s), postId: id(p), reason }));
  if (packed.forced !== undefined) input.forced = constraints(packed.forced);
  if (packed.excluded !== undefined) input.excluded = constraints(packed.excluded);
  return input;
}

export interface PackedResult {
  format: typeof RESULT_FORMAT;
  algorithmVersion: string;
  // read in SQL (the list of a round's runs): kept as it is
  statistics: AllocationStatistics;
  constraints: ConstraintOutcome[];
  students: string[];
  posts: string[];
  // per student: the post's position in posts, or -1
  assignment: number[];
  // per student: the choice, or 0 for none
  choice: number[];
  // per post: the students' positions
  placed: number[][];
  forcedStudents: number[];
}

export function packResult(result: StoredAllocationResult): PackedResult {
  const students = Object.keys(result.assignment);
  const posts = Object.keys(result.placed);
  const studentAt = new Map(students.map((s, i) => [s, i]));
  const postAt = new Map(posts.map((p, i) => [p, i]));
  const position = (map: Map<string, number>, id: string): number => {
    const i = map.get(id);
    if (i === undefined) throw new Error(`The result names ${id}, which it does not list`);
    return i;
  };
  return {
    format: RESULT_FORMAT,
    algorithmVersion: result.algorithmVersion,
    statistics: result.statistics,
    constraints: result.constraints,
    students,
    posts,
    assignment: students.map((s) => {
      const post = result.assignment[s];
      return post === null || post === undefined ? -1 : position(postAt, post);
    }),
    choice: students.map((s) => result.choice[s] ?? 0),
    placed: posts.map((p) => (result.placed[p] ?? []).map((s) => position(studentAt, s))),
    forcedStudents: result.forcedStudents.map((s) => position(studentAt, s)),
  };
}

export function unpackResult(packed: PackedResult | StoredAllocationResult): StoredAllocationResult {
  if (!('format' in packed)) return packed;
  const { students, posts } = packed;
  const assignment: Record<string, string | null> = {};
  const choice: Record<string, number | null> = {};
  students.forEach((s, i) => {
    const p = packed.assignment[i] ?? -1;
    assignment[s] = p < 0 ? null : (posts[p] as string);
    const c = packed.choice[i] ?? 0;
    choice[s] = c === 0 ? null : c;
  });
  const placed: Record<string, string[]> = {};
  posts.forEach((p, i) => {
    placed[p] = (packed.placed[i] ?? []).map((s) => students[s] as string);
  });
  return {
    algorithmVersion: packed.algorithmVersion,
    assignment,
    choice,
    placed,
    forcedStudents: packed.forcedStudents.map((s) => students[s] as string),
    statistics: packed.statistics,
    constraints: packed.constraints,
  };
}

const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

// jsonb columns that hold the packed forms and hand the code the plain ones
export const allocationInputColumn = customType<{ data: AllocationInput; driverData: string }>({
  dataType: () => 'jsonb',
  toDriver: (value) => JSON.stringify(packInput(value)),
  fromDriver: (value) => unpackInput(parsed(value) as PackedInput | AllocationInput),
});

export const allocationResultColumn = customType<{ data: StoredAllocationResult; driverData: string }>({
  dataType: () => 'jsonb',
  toDriver: (value) => JSON.stringify(packResult(value)),
  fromDriver: (value) => unpackResult(parsed(value) as PackedResult | StoredAllocationResult),
});
