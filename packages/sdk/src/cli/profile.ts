// The credentials file: $XDG_CONFIG_HOME/latchkey/profile.json (default ~/.config/...),
// readable by its owner only (mode 0600, directory 0700), like ~/.ssh.
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Profile {
  url: string;
  token: string;
}

export function profilePath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'latchkey', 'profile.json');
}

/** The saved profile, or undefined; `warn` hears about a file others can read. */
export async function readProfile(
  env: NodeJS.ProcessEnv,
  warn: (message: string) => void,
): Promise<Profile | undefined> {
  const path = profilePath(env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const mode = (await stat(path)).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    warn(
      `warning: ${path} is readable by others (mode ${mode.toString(8)}); run: chmod 600 ${path}`,
    );
  }
  const data = JSON.parse(text) as Partial<Profile>;
  if (typeof data.url !== 'string' || typeof data.token !== 'string') {
    throw new Error(`${path} is not a Latchkey profile; run \`latchkey login\` again`);
  }
  return { url: data.url, token: data.token };
}

export async function writeProfile(env: NodeJS.ProcessEnv, profile: Profile): Promise<string> {
  const path = profilePath(env);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(profile, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600); // an existing file keeps its mode on write
  return path;
}

export async function removeProfile(env: NodeJS.ProcessEnv): Promise<boolean> {
  const path = profilePath(env);
  try {
    await stat(path);
  } catch {
    return false;
  }
  await rm(path);
  return true;
}
