import { createHmac } from 'node:crypto';

// The key of an equality response: HMAC-SHA256 of the student and the round under a key derived
// from the server secret for this purpose only (never the CSRF or cookie key itself). Without the
// secret a row cannot be tied to a student; the student's own requests recompute it.
const PURPOSE = 'outbound/equality-monitoring/pseudonym/v1';

export type Pseudonymiser = (studentId: string, roundId: string) => string;

export function createPseudonymiser(secret: string): Pseudonymiser {
  const key = createHmac('sha256', secret).update(PURPOSE).digest();
  return (studentId, roundId) => createHmac('sha256', key).update(`${studentId}\u0000${roundId}`).digest('hex');
}
