import { hash, verify, type Options } from '@node-rs/argon2';
import { readFileSync } from 'node:fs';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

// OWASP: argon2id, m = 19 MiB, t = 2, p = 1
// algorithm 2 is Argon2id (a const enum in the binding's types)
const ARGON2: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  if (!common) {
    const text = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8');
    common = new Set(text.split('\n').filter((line) => line !== '' && !line.startsWith('#')));
  }
  return common;
}

export function commonPasswordCount(): number {
  return commonPasswords().size;
}

function squash(value: string): string {
  return value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

// NIST SP 800-63B / ASVS 6.2: length, a block list and context words; no composition rules.
export function passwordProblem(password: string, context: { email: string; universityName: string }): string | null {
  const length = [...password].length;
  if (length === 0) return 'Enter a password';
  if (length < PASSWORD_MIN) return `Password must be at least ${PASSWORD_MIN} characters long`;
  if (length > PASSWORD_MAX) return `Password must be ${PASSWORD_MAX} characters or fewer`;
  const lowered = password.toLowerCase();
  if (commonPasswords().has(lowered) || commonPasswords().has(lowered.trim())) {
    return 'This password is too common: choose one that would be hard to guess, such as three or four random words';
  }
  const squashed = squash(password);
  const localPart = squash(context.email.split('@')[0] ?? '');
  if (localPart.length >= 3 && squashed.includes(localPart)) return 'Password must not contain your e-mail name';
  const university = squash(context.universityName);
  const universityWords = context.universityName
    .split(/\s+/)
    .map(squash)
    .filter((word) => word.length >= 5 && !['university', 'college', 'institute'].includes(word));
  if ((university.length >= 3 && squashed.includes(university)) || universityWords.some((word) => squashed.includes(word))) {
    return "Password must not contain the university's name";
  }
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

// Run at start: a broken native binding must stop the process, not let everyone in or nobody.
export async function selfTestPasswordHashing(): Promise<void> {
  const hashed = await hashPassword('self-test correct horse');
  if (!hashed.startsWith('$argon2id$')) throw new Error('Password hashing self-test failed: not argon2id');
  if (!(await verifyPassword(hashed, 'self-test correct horse')) || (await verifyPassword(hashed, 'self-test wrong horse'))) {
    throw new Error('Password hashing self-test failed');
  }
}
