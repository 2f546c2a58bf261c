// Lint: TypeScript rules plus the dependency rule of docs/architecture.md as import restrictions.
import tseslint from 'typescript-eslint';

const noRepoOrTables = ['**/*.repo.ts', '**/*.tables.ts', '**/db/*', 'drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/pglite'];

export default tseslint.config(
  { ignores: ['node_modules/', 'drizzle/', 'data/', '.test-data/', 'bench/data/', 'public/', '.scratch*/', 'tmp-*.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // platform/ knows no domain
    files: ['src/platform/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/modules/**'], message: 'platform/ knows no domain.' }] }],
    },
  },
  {
    // modules reach each other through services only
    files: ['src/modules/**/*.{ts,tsx}'],
    // tables may reference another module's tables for foreign keys
    ignores: ['src/modules/**/*.test.ts', 'src/modules/**/*.tables.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*/*.repo.ts', '../*/*.tables.ts', '../../modules/**/*.repo.ts'], message: "Use the other module's service, not its repo or tables." }] },
      ],
    },
  },
  {
    // routes: parse, one service call, render; no queries
    files: ['src/modules/**/*.routes.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: noRepoOrTables, allowTypeImports: true, message: 'Routes hold no queries: call the service.' }] }],
    },
  },
  {
    // views: data in, HTML out
    files: ['src/**/views/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: [...noRepoOrTables, 'fastify', '**/*.service.ts'], allowTypeImports: true, message: 'Views touch no database and no request.' }] },
      ],
    },
  },
);
