// Lint rules that can fail: config is the only env reader, no console in src, no floating promises,
// exhaustive switches.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.sandbox/**', 'sandbox/scripts/**', '*.js', '*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in src/config.ts only.' },
      ],
    },
  },
  {
    // DESIGN.md's layering: Teams framework code lives in src/bot/, and nothing below it imports it.
    files: ['src/**/*.ts'],
    ignores: ['src/bot/**', 'src/index.ts', 'src/server.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/bot', '**/bot/**'],
              message: 'Only src/index.ts and src/server.ts may import src/bot/ (DESIGN.md layering).',
            },
            {
              group: ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', '@microsoft/teams-ai/**'],
              message: 'Teams framework imports belong in src/bot/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/config.ts'],
    rules: { 'no-console': 'error' },
  },
);
