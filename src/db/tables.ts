// Every table of every module, for migrations (drizzle-kit) and nothing else.
export * from '../platform/audit/audit.tables.ts';
export * from '../platform/mail/mail.tables.ts';
export * from '../platform/jobs/jobs.tables.ts';
export * from '../modules/accounts/accounts.tables.ts';
export * from '../platform/files/files.tables.ts';
export * from '../modules/partners/partners.tables.ts';
export * from '../modules/agreements/agreements.tables.ts';
export * from '../modules/rounds/rounds.tables.ts';
export * from '../modules/rounds/round-questions.tables.ts';
export * from '../modules/posts/posts.tables.ts';
export * from '../modules/courses/courses.tables.ts';
export * from '../modules/students/students.tables.ts';
export * from '../modules/posts/catalogue.tables.ts';
export * from '../modules/applications/applications.tables.ts';
export * from '../modules/equality/equality.tables.ts';
export * from '../modules/selection/selection.tables.ts';
