import type { Role } from '../src/modules/accounts/accounts.tables.ts';

// Fictional people for the 10k data set: names from a seeded generator (the same every time),
// a role mix like a real programme (mostly students, a programme team, partner and funder contacts).

export interface Person {
  name: string;
  email: string;
  roles: Role[];
  // partner and funder contacts belong to an organisation (no organisations table yet: an id only)
  organisationId: string | null;
  createdAt: Date;
}

interface RoleGroup {
  roles: Role[];
  count: number;
  domain: (index: number) => string;
  organisations?: number;
}

const STUDENT_DOMAIN = 'students.example.ac.uk';
const STAFF_DOMAIN = 'example.ac.uk';

// sums to USER_COUNT; students last, so a smaller count (the bench user takes a place) trims them
export const roleGroups: RoleGroup[] = [
  { roles: ['staff'], count: 320, domain: () => STAFF_DOMAIN },
  { roles: ['staff', 'admin'], count: 10, domain: () => STAFF_DOMAIN },
  { roles: ['admin'], count: 5, domain: () => STAFF_DOMAIN },
  { roles: ['edi_officer'], count: 15, domain: () => STAFF_DOMAIN },
  { roles: ['partner_admin'], count: 120, domain: (org) => `partner-${org + 1}.example.org`, organisations: 60 },
  { roles: ['partner_reviewer'], count: 290, domain: (org) => `partner-${org + 1}.example.org`, organisations: 60 },
  { roles: ['funder'], count: 40, domain: (org) => `trust-${org + 1}.example.org`, organisations: 8 },
  { roles: ['student'], count: 9200, domain: () => STUDENT_DOMAIN },
];

export const USER_COUNT = roleGroups.reduce((sum, group) => sum + group.count, 0);

const firstNames = [
  'Amara', 'Kofi', 'Mei', 'Hannah', 'Diego', 'Fatima', 'Oliver', 'Sofia', 'Ibrahim', 'Chloe', 'Arjun', 'Leila', 'Samuel', 'Aisha',
  'Tomas', 'Yuki', 'Zainab', 'Lucas', 'Priya', 'Noah', 'Elena', 'Kwame', 'Isla', 'Omar', 'Ana', 'Rahul', 'Grace', 'Jamal', 'Freya',
  'Hiroshi', 'Nadia', 'Mateo', 'Esther', 'Ravi', 'Ines', 'Felix', 'Adaeze', 'Liam', 'Sana', 'Viktor', 'Maya', 'Chen', 'Lerato',
  'Daniel', 'Ayesha', 'Pablo', 'Ruth', 'Tariq', 'Emma', 'Jun', 'Nia', 'Stefan', 'Farah', 'Oscar', 'Mariam', 'Ewan', 'Thandiwe',
];

const lastNames = [
  'Okafor', 'Asante', 'Chen', 'Brooks', 'Morales', 'Yusuf', 'Grant', 'Rossi', 'Diallo', 'Evans', 'Patel', 'Karimi', 'Adeyemi',
  'Khan', 'Novak', 'Tanaka', 'Bello', 'Ferreira', 'Raman', 'Smith', 'Popescu', 'Mensah', 'Campbell', 'Haddad', 'Silva', 'Sharma',
  'Walker', 'Ibrahim', 'Jones', 'Sato', 'Aziz', 'Garcia', 'Nwosu', 'Iyer', 'Martin', 'Wagner', 'Eze', 'Murphy', 'Ali', 'Ivanov',
  'Levy', 'Wang', 'Dlamini', 'Clarke', 'Hussain', 'Lopez', 'Cohen', 'Rahman', 'Taylor', 'Kim', 'Owusu', 'Schmidt', 'Malik',
  'Nilsson', 'Farouk', 'Reid', 'Ndlovu',
];

// mulberry32: small, seeded, good enough for fictional names
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

// a version-4-shaped UUID from the seeded generator
export function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'.charAt(Math.floor(random() * 4));
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

// `reserved` holds addresses already taken (the bench user), compared lower-cased like the unique index
export function generatePeople(count: number, now: Date, reserved: ReadonlySet<string>, seed = 20240901): Person[] {
  const random = seededRandom(seed);
  const taken = new Set([...reserved].map((email) => email.toLowerCase()));
  const people: Person[] = [];
  let remaining = count;
  for (const group of roleGroups) {
    const organisationIds = Array.from({ length: group.organisations ?? 0 }, () => seededUuid(random));
    const groupCount = Math.min(group.count, remaining);
    for (let i = 0; i < groupCount; i++) {
      const first = pick(firstNames, random);
      const last = pick(lastNames, random);
      const organisation = organisationIds.length > 0 ? Math.floor(random() * organisationIds.length) : 0;
      const domain = group.domain(organisation);
      const local = `${first}.${last}`.toLowerCase();
      let email = `${local}@${domain}`;
      for (let n = 2; taken.has(email); n++) email = `${local}${n}@${domain}`;
      taken.add(email);
      people.push({
        name: `${first} ${last}`,
        email,
        roles: [...group.roles],
        organisationId: organisationIds[organisation] ?? null,
        // accounts made over the last three years
        createdAt: new Date(now.getTime() - Math.floor(random() * 3 * 365) * DAY_MS - Math.floor(random() * DAY_MS)),
      });
    }
    remaining -= groupCount;
  }
  return people;
}
