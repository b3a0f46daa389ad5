#!/usr/bin/env node
// Launcher of the `latchkey` CLI. The package ships TypeScript sources, so the entry point is
// loaded through tsx, scoped to this import (no global loader, no tsconfig from the cwd).
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../src/cli/main.ts', {
  parentURL: import.meta.url,
  tsconfig: false,
});
process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
