// A private FerretDB (MongoDB wire protocol, SQLite backend) for the MongoDB scenarios, pinned to
// the server's CPU so that server and database share one core, as SQLite shares it in-process.
// The binary comes from `.ci/ferretdb.sh build` (cached); the instance is started here on its own
// port and state directory rather than with `.ci/ferretdb.sh start`, whose single pid link would
// stop another FerretDB (a test run's) on this machine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnPinned, stopProcess, waitForPort } from './proc.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function startFerretDb({ port, cpu, workDir }) {
  const bin = execFileSync('bash', ['.ci/ferretdb.sh', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .toString()
    .trim();
  const dir = mkdtempSync(join(workDir, 'ferretdb-'));
  mkdirSync(join(dir, 'sqlite'));
  const child = spawnPinned(
    cpu,
    bin,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/sqlite/`,
      `--state-dir=${dir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=WARN',
    ],
    { logFile: join(dir, 'ferretdb.log') },
  );
  await waitForPort(port, child);
  return { pid: child.pid, uri: `mongodb://127.0.0.1:${port}/`, stop: () => stopProcess(child) };
}
