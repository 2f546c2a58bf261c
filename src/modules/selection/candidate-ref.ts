import { createHash } from 'node:crypto';

// How partner users name a candidate while review is anonymised: a short reference derived from the
// application and the post, stable across pages, that reveals nothing about the student.
export function candidateRef(applicationId: string, postId: string): string {
  const digest = createHash('sha256').update(`${applicationId}:${postId}`).digest('hex').toUpperCase();
  return `Candidate ${digest.slice(0, 4)}-${digest.slice(4, 8)}`;
}
