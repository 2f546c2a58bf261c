import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { createAccountsRepo } from '../src/modules/accounts/accounts.repo.ts';
import { users } from '../src/modules/accounts/accounts.tables.ts';
import { organisations } from '../src/modules/partners/partners.tables.ts';
import { hashPassword, passwordProblem } from '../src/modules/accounts/passwords.ts';
import { dataRoot, migrationsJournal, pristineDataDir, runDataDir } from './paths.ts';
import { generatePeople, USER_COUNT } from './people.ts';
import { round, type Figures } from './results.ts';

// Bump when the generated data changes shape, so old directories are rebuilt.
const GENERATOR_VERSION = 2;
const BATCH_SIZE = 1000;
const MARKER_FILE = 'bench-data.json';

export interface BenchUser {
  email: string;
  name: string;
  password: string;
}

// The one account the HTTP part signs in as. Every generated user shares its password hash.
export const benchUser: BenchUser = {
  email: 'bench.student@students.example.ac.uk',
  name: 'Bench Student',
  password: 'lantern quartz meadow runner',
};

interface Marker {
  generatorVersion: number;
  migrations: string;
  users: number;
  roles: Record<string, number>;
  benchUser: BenchUser;
  generatedAt: string;
}

export interface BenchData {
  // pristine: copied, never served
  dataDir: string;
  marker: Marker;
}

// the migrations the directory was built with: new migrations mean a rebuild
function migrationsFingerprint(): string {
  return createHash('sha256').update(readFileSync(migrationsJournal)).digest('hex').slice(0, 16);
}

function readMarker(dataDir: string): Marker | undefined {
  const file = path.join(dataDir, MARKER_FILE);
  if (!existsSync(file) || !existsSync(path.join(dataDir, 'pgdata'))) return undefined;
  try {
    const marker = JSON.parse(readFileSync(file, 'utf8')) as Marker;
    if (marker.generatorVersion !== GENERATOR_VERSION || marker.migrations !== migrationsFingerprint()) return undefined;
    if (marker.benchUser.email !== benchUser.email || marker.benchUser.password !== benchUser.password) return undefined;
    return marker;
  } catch {
    return undefined;
  }
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(full) : statSync(full).size;
  }
  return total;
}

async function generate(target: string): Promise<Marker> {
  // built beside the target and renamed into place: an interrupted run leaves no half directory
  const building = `${target}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  try {
    // writes the directory's session secret, as a first start would
    const config = loadConfig({ DATA_DIR: building, NODE_ENV: 'development' });
    const problem = passwordProblem(benchUser.password, { email: benchUser.email, universityName: config.universityName });
    if (problem) throw new Error(`The bench password would be refused: ${problem}`);

    const now = new Date();
    // one argon2 hash for everyone: hashing 10k passwords would take minutes
    const passwordHash = await hashPassword(benchUser.password);
    const { people, organisations: peopleOrganisations } = generatePeople(USER_COUNT - 1, now, new Set([benchUser.email]));
    const rows: (typeof users.$inferInsert)[] = [
      { email: benchUser.email, name: benchUser.name, passwordHash, roles: ['student'], emailVerifiedAt: now, createdAt: now, updatedAt: now },
      ...people.map((person) => ({
        email: person.email,
        name: person.name,
        passwordHash,
        roles: person.roles,
        organisationId: person.organisationId,
        emailVerifiedAt: person.createdAt,
        createdAt: person.createdAt,
        updatedAt: person.createdAt,
      })),
    ];

    const database = await openDatabase({ dataDir: building });
    let count: number;
    try {
      await migrateDatabase(database);
      await database.db.transaction(async (tx) => {
        // users.organisation_id references them
        await tx.insert(organisations).values(peopleOrganisations.map((o) => ({ ...o, createdAt: now, updatedAt: now })));
        for (let start = 0; start < rows.length; start += BATCH_SIZE) {
          await tx.insert(users).values(rows.slice(start, start + BATCH_SIZE));
        }
      });
      count = await createAccountsRepo(database.db).countUsers();
      // PGlite runs no autovacuum: leave the statistics a long-running database would have
      await database.db.execute(sql`vacuum analyze`);
    } finally {
      await database.close();
    }
    if (count !== USER_COUNT) throw new Error(`Expected ${USER_COUNT} users after generating, found ${count}`);

    const roles: Record<string, number> = {};
    for (const row of rows) {
      const key = row.roles.join('+');
      roles[key] = (roles[key] ?? 0) + 1;
    }
    const marker: Marker = {
      generatorVersion: GENERATOR_VERSION,
      migrations: migrationsFingerprint(),
      users: count,
      roles,
      benchUser,
      generatedAt: now.toISOString(),
    };
    writeFileSync(path.join(building, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(building, target);
    return marker;
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
}

// The 10k data directory: reused when it is there and current, generated otherwise (or when fresh).
export async function ensureData(options: { fresh?: boolean; log?: (line: string) => void } = {}): Promise<{ data: BenchData; figures: Figures }> {
  const log = options.log ?? (() => {});
  mkdirSync(dataRoot, { recursive: true });
  const existing = options.fresh ? undefined : readMarker(pristineDataDir);
  if (existing) {
    log(`Reusing ${path.relative(process.cwd(), pristineDataDir)} (${existing.users} users, generated ${existing.generatedAt}).`);
    return { data: { dataDir: pristineDataDir, marker: existing }, figures: {} };
  }
  log(`Generating ${USER_COUNT} users into ${path.relative(process.cwd(), pristineDataDir)} …`);
  const started = performance.now();
  const marker = await generate(pristineDataDir);
  const elapsed = performance.now() - started;
  log(`Generated in ${(elapsed / 1000).toFixed(1)} s.`);
  return {
    data: { dataDir: pristineDataDir, marker },
    figures: {
      'data.users': { value: marker.users, unit: 'users' },
      'data.generate_ms': { value: Math.round(elapsed), unit: 'ms' },
      'data.size_mb': { value: round(directoryBytes(pristineDataDir) / (1024 * 1024)), unit: 'MiB' },
    },
  };
}

// A fresh working copy of the pristine directory for one part (a server writes to its directory).
export function freshCopy(data: BenchData, part: string): string {
  return copyDataDir(data.dataDir, part);
}

// A fresh working copy of any pristine directory, under bench/data/run-<part>.
export function copyDataDir(pristine: string, part: string): string {
  const copy = runDataDir(part);
  rmSync(copy, { recursive: true, force: true });
  cpSync(pristine, copy, { recursive: true });
  // a copied lock would name a pid that may be alive again by chance
  rmSync(path.join(copy, 'outbound.lock'), { force: true });
  return copy;
}
