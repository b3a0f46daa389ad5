// Regenerates everything derived from openapi/openapi.yaml:
//   packages/sdk/src/generated/     fetch client, types, SDK functions, TanStack Query options
//   packages/server/src/generated/  request/response types for the handlers
// CI runs this and fails when the committed files differ (scripts/check-generated.sh).
import { rmSync } from 'node:fs';
import { createClient } from '@hey-api/openapi-ts';

const input = './openapi/openapi.yaml';
const targets = [
  {
    path: 'packages/sdk/src/generated',
    plugins: [
      '@hey-api/client-fetch',
      '@hey-api/typescript',
      { name: '@hey-api/sdk', operations: { strategy: 'flat' } },
      '@tanstack/react-query',
    ],
  },
  { path: 'packages/server/src/generated', plugins: ['@hey-api/typescript'] },
];

for (const target of targets) {
  rmSync(target.path, { recursive: true, force: true });
  await createClient({
    input,
    output: { path: target.path, module: { extension: '.js' } },
    plugins: target.plugins,
    logs: { level: 'warn', file: false },
  });
}
