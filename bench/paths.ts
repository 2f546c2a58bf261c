import { fileURLToPath } from 'node:url';
import path from 'node:path';

// Every path the suite uses, resolved from this file so `npm run bench` works from any directory.
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
export const benchDir = path.join(projectRoot, 'bench');
export const resultsFile = path.join(benchDir, 'results.json');
// git-ignored
export const dataRoot = path.join(benchDir, 'data');
// the generated data directory: never served directly, only copied
export const pristineDataDir = path.join(dataRoot, 'pglite-10k');
// the generated catalogue directory (200 offices, 2,000 published posts): copied like the one above
export const catalogueDataDir = path.join(dataRoot, 'pglite-catalogue');
export const cliEntry = path.join(projectRoot, 'src', 'cli.ts');
export const migrationsJournal = path.join(projectRoot, 'drizzle', 'meta', '_journal.json');

// a working copy for one part, so a server run never writes to the pristine directory
export function runDataDir(part: string): string {
  return path.join(dataRoot, `run-${part}`);
}
