import type { Db } from './client.ts';
import { createAccountsRepo } from '../modules/accounts/accounts.repo.ts';
import type { Role } from '../modules/accounts/accounts.tables.ts';
import { hashPassword } from '../modules/accounts/passwords.ts';
import { seedCourses } from './seed-courses.ts';
import { seedApplications } from './seed-applications.ts';
import { seedProgramme } from './seed-programme.ts';
import { seedSelection } from './seed-selection.ts';
import { seedSelectionStage } from './seed-selection-stage.ts';
import path from 'node:path';
import type { Config } from '../config.ts';
import { createPartnersRepo } from '../modules/partners/partners.repo.ts';
import { createLocalFileStore } from '../platform/files/file-store.ts';

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

export async function demoAlreadySeeded(db: Db): Promise<boolean> {
  return (await createAccountsRepo(db).countUsers()) > 0;
}

export async function hasDemoAccounts(db: Db): Promise<boolean> {
  return (await createAccountsRepo(db).countUsers()) > (await createAccountsRepo(db).countRealUsers());
}

export async function countRealUsers(db: Db): Promise<number> {
  return createAccountsRepo(db).countRealUsers();
}

// What the demo needs of the configuration: the secret (equality pseudonyms), the data directory
// (the CVs' files, where the app's file store keeps them) and the student e-mail domain.
export type DemoConfig = Pick<Config, 'universityName' | 'secret' | 'dataDir' | 'studentEmailDomains'>;

export async function seedDemo(db: Db, now: Date, config: DemoConfig): Promise<DemoAccount[]> {
  const repo = createAccountsRepo(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // the programme once: seeding again adds missing accounts only
  const programme = (await createPartnersRepo(db).listOrganisations({})).length === 0 ? await seedProgramme(db, now, config.universityName) : undefined;
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
  });
  // the current round's review settings and rubric, with the programme
  if (programme) await seedSelection(db, now, programme.currentRoundId);
  // the demo students and their applications, with the programme
  const staff = await repo.findUserByEmail(demoAccounts.find((a) => a.role === 'staff')?.email ?? '');
  if (programme && staff) {
    await seedApplications(db, {
      now,
      roundId: programme.currentRoundId,
      staffUserId: staff.id,
      passwordHash,
      secret: config.secret,
      // the app's file store (app.ts): the same directory
      fileStore: createLocalFileStore(path.join(config.dataDir, 'files')),
      studentEmailDomain: config.studentEmailDomains[0] ?? 'students.example.ac.uk',
      universityName: config.universityName,
    });
    // a parallel round whose applications closed, taken through review, interviews, allocation and offers
    await seedSelectionStage(db, { now, partnerId: programme.partnerId, staffUserId: staff.id, passwordHash });
  }
  return demoAccounts;
}
