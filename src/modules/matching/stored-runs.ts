// An allocation result as stored with its run (JSON), and back. The Maps of AllocationResult become
// plain objects keyed by id; the order of keys is the result's (id order).
import type { AllocationResult, AllocationStatistics, ConstraintOutcome } from './deferred-acceptance.ts';

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
