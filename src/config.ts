import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Environment = 'development' | 'production' | 'test';

export interface Config {
  env: Environment;
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  secret: string;
  baseUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  universityName: string;
  programmeName: string;
  programmeEmail: string;
  studentEmailDomains: string[];
  trustProxy: boolean;
  logLevel: string;
  seedDemo: boolean;
  jobPollMs: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function readInteger(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a whole number, got "${raw}".`);
  return value;
}

// A local secret is generated once per data directory so sessions survive restarts;
// production must be given one (ASVS 13.3: no secrets generated on the fly in production).
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const port = readInteger(env, 'PORT', 3000);
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  const databaseUrl = env.DATABASE_URL || undefined;
  let secret = env.SESSION_SECRET ?? '';
  if (nodeEnv === 'production') {
    if (secret.length < 32) throw new ConfigError('SESSION_SECRET must be set to at least 32 random characters in production.');
    if (!env.BASE_URL?.startsWith('https://')) throw new ConfigError('BASE_URL must be set to the public https:// address in production.');
  } else if (secret === '') {
    secret = localSecret(dataDir);
  }
  const domains = (env.STUDENT_EMAIL_DOMAINS ?? 'students.example.ac.uk,example.ac.uk')
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter((d) => d !== '');
  return {
    env: nodeEnv,
    host: env.HOST ?? (nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1'),
    port,
    dataDir,
    databaseUrl,
    secret,
    baseUrl: (env.BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Outbound <outbound@example.ac.uk>',
    universityName: env.UNIVERSITY_NAME ?? 'University of Example',
    programmeName: env.PROGRAMME_NAME ?? 'Outbound',
    programmeEmail: env.PROGRAMME_EMAIL ?? 'international-internships@example.ac.uk',
    studentEmailDomains: domains,
    trustProxy: env.TRUST_PROXY === 'true' || env.TRUST_PROXY === '1',
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    seedDemo: (env.SEED_DEMO ?? (nodeEnv === 'production' ? 'false' : 'true')) === 'true',
    jobPollMs: readInteger(env, 'JOB_POLL_MS', 1000),
  };
}
