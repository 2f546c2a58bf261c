import type { Db } from './client.ts';
import { createAccountsRepo } from '../modules/accounts/accounts.repo.ts';
import type { Role } from '../modules/accounts/accounts.tables.ts';
import { hashPassword } from '../modules/accounts/passwords.ts';
import { seedCourses } from './seed-courses.ts';
import { seedProgramme } from './seed-programme.ts';
import { createPartnersRepo } from '../modules/partners/partners.repo.ts';

// Shown on the console at the first start; exists only in the demo data.
export const DEMO_PASSWORD = 'try the outbound demo';

export interface DemoAccount {
  role: Role;
  name: string;
  email: string;
}

// Fictional people only (PRODUCT.md: never the names of real people from the announcement).
export const demoAccounts: DemoAccount[] = [
  { role: 'student', name: 'Amara Okafor', email: 'amara.okafor@students.example.ac.uk' },
  { role: 'staff', name: 'Priya Raman', email: 'priya.raman@example.ac.uk' },
  { role: 'partner_admin', name: 'Lucas Ferreira', email: 'lucas.ferreira@partner.example.org' },
  { role: 'partner_reviewer', name: 'Noor Haddad', email: 'noor.haddad@partner.example.org' },
  { role: 'funder', name: 'Eleanor Marsh', email: 'eleanor.marsh@trust.example.org' },
  { role: 'edi_officer', name: 'Tomasz Nowak', email: 'tomasz.nowak@example.ac.uk' },
  { role: 'admin', name: 'Grace Mensah', email: 'grace.mensah@example.ac.uk' },
];

const demoStudents: string[] = [
  'Kofi Asante', 'Mei Lin Chen', 'Hannah Brooks', 'Diego Morales', 'Fatima Yusuf', 'Oliver Grant',
  'Sofia Rossi', 'Ibrahim Diallo', 'Chloe Evans', 'Arjun Patel', 'Leila Karimi', 'Samuel Adeyemi',
];

export async function demoAlreadySeeded(db: Db): Promise<boolean> {
  return (await createAccountsRepo(db).countUsers()) > 0;
}

export async function hasDemoAccounts(db: Db): Promise<boolean> {
  return (await createAccountsRepo(db).countUsers()) > (await createAccountsRepo(db).countRealUsers());
}

export async function countRealUsers(db: Db): Promise<number> {
  return createAccountsRepo(db).countRealUsers();
}

export async function seedDemo(db: Db, now: Date = new Date(), universityName = 'University of Example'): Promise<DemoAccount[]> {
  const repo = createAccountsRepo(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // the programme once: seeding again adds missing accounts only
  const programme = (await createPartnersRepo(db).listOrganisations({})).length === 0 ? await seedProgramme(db, now, universityName) : undefined;
  await seedCourses(db, now);
  const organisationOf = (role: Role) => (role === 'partner_admin' || role === 'partner_reviewer' ? (programme?.partnerId ?? null) : role === 'funder' ? (programme?.funderIds[0] ?? null) : null);
  await db.transaction(async (tx) => {
    for (const account of demoAccounts) {
      if (await repo.findUserByEmail(account.email, tx)) continue;
      await repo.insertUser(
        { email: account.email, name: account.name, passwordHash, roles: [account.role], organisationId: organisationOf(account.role), emailVerifiedAt: now, isDemo: true, createdAt: now, updatedAt: now },
        tx,
      );
    }
    for (const name of demoStudents) {
      const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@students.example.ac.uk`;
      if (await repo.findUserByEmail(email, tx)) continue;
      await repo.insertUser({ email, name, passwordHash, roles: ['student'], emailVerifiedAt: now, isDemo: true, createdAt: now, updatedAt: now }, tx);
    }
  });
  return demoAccounts;
}
