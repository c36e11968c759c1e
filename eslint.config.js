// Lint rules, including the layer rules of DESIGN.md: domain/ is pure and imports nothing outside itself,
// actors/ never imports projections/ or gateway/, and only ops/ (and tests) wire everything together.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly', performance: 'readonly', fetch: 'readonly', Response: 'readonly', Request: 'readonly', Headers: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  layer(
    ['domain/**/*.ts'],
    ['../actors/*', '../../actors/*', '**/actors/**', '**/projections/**', '**/gateway/**', '**/ops/**', 'pg', 'ioredis', '@nats-io/*', 'nats', 'fastify', 'pino', 'grammy', 'node:fs*', 'node:net', 'node:http*', 'node:child_process', 'node:crypto'],
    'domain/ is pure: no I/O, no clocks, no randomness, nothing outside domain/',
  ),
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'domain/ takes time as an argument' },
        { object: 'Math', property: 'random', message: 'domain/ takes ids and randomness as arguments' }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'domain/ takes time as an argument' }],
    },
  },
  layer(['actors/**/*.ts'], ['**/projections/**', '**/gateway/**', '**/ops/**'], 'actors/ may import only domain/ (ports are wired in ops/)'),
  layer(['projections/**/*.ts'], ['**/gateway/**', '**/ops/**'], 'projections/ may import domain/ and the event store port only'),
  layer(['gateway/**/*.ts'], ['**/ops/**'], 'gateway/ may import domain/ and ports, never ops/'),
);
