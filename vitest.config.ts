import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) =>
  fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// One run, several projects: unit tests next to the code, cross-package tests in test/.
export default defineConfig({
  resolve: {
    alias: {
      // Before '@latchkey/sdk', which would otherwise swallow its subpath.
      '@latchkey/sdk/react-query': fileURLToPath(
        new URL('./packages/sdk/src/react-query.ts', import.meta.url),
      ),
      '@latchkey/server': src('server'),
      '@latchkey/sdk': src('sdk'),
      '@latchkey/react-hooks': src('react-hooks'),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['packages/server/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'sdk',
          include: ['packages/sdk/src/**/*.test.ts'],
          environment: 'node',
          typecheck: { enabled: true, include: ['packages/sdk/src/**/*.test-d.ts'] },
        },
      },
      {
        extends: true,
        test: {
          name: 'react-hooks',
          include: ['packages/react-hooks/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          typecheck: { enabled: true, include: ['packages/react-hooks/src/**/*.test-d.ts'] },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
