import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

// dependencies point one way: edges -> services -> domain and the store interface <- adapters
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.data', 'bin', 'web/dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'read the environment in src/config.ts only',
        },
      ],
    },
  },
  {
    files: ['src/config.ts', 'test/**', 'bench/**', 'vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  layer(
    ['web/src/**'],
    ['**/src/domain/**', '**/src/services/**', '**/src/store/**', '**/src/http/**', 'node:*'],
    'the portal speaks to the API over HTTP only',
  ),
  layer(
    ['src/domain/**'],
    [
      '**/store/**',
      '**/services/**',
      '**/cli/**',
      '**/http/**',
      '**/catalog/**',
      'better-sqlite3',
      'pg',
    ],
    'domain is pure: no I/O, no framework',
  ),
  layer(
    ['src/services/**'],
    ['**/cli/**', '**/http/**', '**/store/sqlite/**', '**/store/postgres/**'],
    'services use the store interface only',
  ),
  layer(
    ['src/store/**'],
    ['**/services/**', '**/cli/**', '**/http/**'],
    'the store knows nothing of its callers',
  ),
);
