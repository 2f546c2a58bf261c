// Every table of every module, for migrations (drizzle-kit) and nothing else.
export * from '../platform/audit/audit.tables.ts';
export * from '../platform/mail/mail.tables.ts';
export * from '../platform/jobs/jobs.tables.ts';
export * from '../modules/accounts/accounts.tables.ts';
