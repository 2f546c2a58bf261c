import type { Role } from '../src/modules/accounts/accounts.tables.ts';

// Fictional people for the 10k data set: names from a seeded generator (the same every time),
// a role mix like a real programme (mostly students, a programme team, partner and funder contacts).

export interface Person {
  name: string;
  email: string;
  roles: Role[];
  // partner and funder contacts belong to an organisation (one of `organisations` below)
  organisationId: string | null;
  createdAt: Date;
}

// A partner or funder organisation the contacts belong to (users.organisation_id references it).
export interface PeopleOrganisation {
  id: string;
  kind: 'partner' | 'funder';
  name: string;
  shortName: string;
}

interface RoleGroup {
  roles: Role[];
  count: number;
  domain: (index: number) => string;
  organisations?: { count: number; kind: PeopleOrganisation['kind']; name: (index: number) => string };
}

const partnerOrganisations = { count: 60, kind: 'partner', name: (org: number) => `Partner organisation ${org + 1}` } as const;

const STUDENT_DOMAIN = 'students.example.ac.uk';
const STAFF_DOMAIN = 'example.ac.uk';

// sums to USER_COUNT; students last, so a smaller count (the bench user takes a place) trims them
export const roleGroups: RoleGroup[] = [
  { roles: ['staff'], count: 320, domain: () => STAFF_DOMAIN },
  { roles: ['staff', 'admin'], count: 10, domain: () => STAFF_DOMAIN },
  { roles: ['admin'], count: 5, domain: () => STAFF_DOMAIN },
  { roles: ['edi_officer'], count: 15, domain: () => STAFF_DOMAIN },
  { roles: ['partner_admin'], count: 120, domain: (org) => `partner-${org + 1}.example.org`, organisations: partnerOrganisations },
  { roles: ['partner_reviewer'], count: 290, domain: (org) => `partner-${org + 1}.example.org`, organisations: partnerOrganisations },
  { roles: ['funder'], count: 40, domain: (org) => `trust-${org + 1}.example.org`, organisations: { count: 8, kind: 'funder', name: (org) => `Charitable trust ${org + 1}` } },
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

// `reserved` holds addresses already taken (the bench user), compared lower-cased like the unique index.
// Groups sharing a domain (a partner's admins and reviewers) share its organisation.
export function generatePeople(count: number, now: Date, reserved: ReadonlySet<string>, seed = 20240901): { people: Person[]; organisations: PeopleOrganisation[] } {
  const random = seededRandom(seed);
  const taken = new Set([...reserved].map((email) => email.toLowerCase()));
  const people: Person[] = [];
  const organisationsByDomain = new Map<string, PeopleOrganisation>();
  let remaining = count;
  for (const group of roleGroups) {
    const spec = group.organisations;
    const organisationIds = Array.from({ length: spec?.count ?? 0 }, (_, org) => {
      const domain = group.domain(org);
      let organisation = organisationsByDomain.get(domain);
      if (!organisation && spec) {
        organisation = { id: seededUuid(random), kind: spec.kind, name: spec.name(org), shortName: spec.name(org) };
        organisationsByDomain.set(domain, organisation);
      }
      return organisation?.id ?? '';
    });
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
  return { people, organisations: [...organisationsByDomain.values()] };
}
