// Starts a peer server file (bench/peers/*.mjs) pinned to the server CPU on a free port.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config } from './config.mjs';
import { freePort, rssMiB, spawnPinned, stopProcess, waitForHttp } from './proc.mjs';
import { setTimeout as sleep } from 'node:timers/promises';

const PEERS = fileURLToPath(new URL('../peers/', import.meta.url));

export async function startPeer(file, ctx, readyPath = '/') {
  const port = await freePort();
  const child = spawnPinned(config.serverCpu, process.execPath, [join(PEERS, file)], {
    env: { PORT: String(port), NODE_ENV: 'production' },
    logFile: join(ctx.workDir, `${file}.log`),
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(baseUrl + readyPath, child);
  return { pid: child.pid, baseUrl, stop: () => stopProcess(child) };
}

/** Resident memory after the server has settled, before any load. */
export async function idleRss(pid) {
  await sleep(1000);
  return rssMiB(pid);
}
