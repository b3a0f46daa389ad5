// What a command is, what it gets to run, and the help text made from its definition.
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { createLatchkeyClient, type LatchkeyClient } from '../client.js';
import { CredentialsError, UsageError } from './errors.js';
import { readProfile } from './profile.js';

export interface Io {
  env: NodeJS.ProcessEnv;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean };
}

export interface Option {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Shown in help: `--name NAME`. */
  value?: string;
  description: string;
}

export interface Command {
  /** e.g. ['clients', 'create'] */
  path: string[];
  summary: string;
  /** Positional arguments, all required, e.g. ['CLIENT_ID']; a trailing '...' takes many. */
  args?: string[];
  options?: Record<string, Option>;
  /** Extra help paragraphs. */
  notes?: string;
  examples?: string[];
  run(ctx: Context, values: Values, args: string[]): Promise<void>;
}

export type Values = Record<string, string | boolean | string[] | undefined>;

export const GLOBAL_OPTIONS: Record<string, Option> = {
  json: { type: 'boolean', description: 'Print JSON for scripts instead of tables.' },
  url: {
    type: 'string',
    value: 'URL',
    description: 'Server URL (overrides LATCHKEY_URL and the profile).',
  },
  help: { type: 'boolean', short: 'h', description: 'Show help.' },
};

export const VERSION = '0.1.0';

export class Context {
  readonly json: boolean;
  private client: LatchkeyClient | undefined;

  constructor(
    readonly io: Io,
    private readonly urlFlag: string | undefined,
    json: boolean,
  ) {
    this.json = json;
  }

  out(text: string): void {
    this.io.stdout.write(text);
  }

  /** Messages for people (notes, warnings) go to stderr, so stdout stays parseable. */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  /** The server URL and token: --url, then LATCHKEY_URL / LATCHKEY_TOKEN, then the profile. */
  async session(): Promise<{ url: string; token: string }> {
    const { env } = this.io;
    const needProfile = !env.LATCHKEY_TOKEN || !(this.urlFlag ?? env.LATCHKEY_URL);
    const profile = needProfile ? await readProfile(env, (m) => this.note(m)) : undefined;
    const token = env.LATCHKEY_TOKEN || profile?.token;
    const url = this.urlFlag ?? (env.LATCHKEY_URL || profile?.url);
    if (!token) {
      throw new CredentialsError(
        'not logged in: set LATCHKEY_TOKEN (and LATCHKEY_URL), or run `latchkey login --url URL --token TOKEN`',
      );
    }
    if (!url) throw new CredentialsError('no server URL: set LATCHKEY_URL or pass --url');
    return { url: checkUrl(url), token };
  }

  async api(): Promise<LatchkeyClient> {
    if (!this.client) {
      const { url, token } = await this.session();
      this.client = createLatchkeyClient({
        baseUrl: url,
        token,
        headers: { 'User-Agent': `latchkey-cli/${VERSION} node/${process.versions.node}` },
      });
    }
    return this.client;
  }

  get interactive(): boolean {
    return Boolean(this.io.stdin.isTTY && this.io.stderr.isTTY);
  }

  /**
   * Asks before a destructive action. `--yes` skips the question; without a terminal to ask
   * on, `--yes` is required, so a script never deletes by accident.
   */
  async confirm(question: string, yes: boolean): Promise<boolean> {
    if (yes) return true;
    if (!this.interactive) {
      throw new UsageError(
        `${question.replace(/\?$/, '')}: refusing without --yes when not interactive`,
      );
    }
    const rl = createInterface({ input: this.io.stdin, output: this.io.stderr });
    try {
      const answer = await rl.question(`${question} [y/N] `);
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      rl.close();
    }
  }

  /** All of stdin, without the final newline (for --password-stdin / --token-stdin). */
  async readStdin(): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.io.stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
}

export function checkUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return url.replace(/\/+$/, '');
  } catch {
    // fall through
  }
  throw new UsageError(`invalid server URL: ${url} (expected http(s)://host[:port])`);
}

/** A whole number within bounds, or a usage error naming the flag. */
export function int(value: string | undefined, flag: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(
      `--${flag} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, not "${value}"`,
    );
  }
  return Number(value);
}

export function oneOf<T extends string>(
  value: string | undefined,
  flag: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
  }
  return value as T;
}

export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function strs(values: Values, name: string): string[] | undefined {
  const v = values[name];
  return Array.isArray(v) ? v : undefined;
}

export function bool(values: Values, name: string): boolean | undefined {
  const v = values[name];
  return typeof v === 'boolean' ? v : undefined;
}

export function commandHelp(cmd: Command): string {
  const args = (cmd.args ?? []).map((a) => ` ${a}`).join('');
  const lines = [
    `${cmd.summary}`,
    '',
    `Usage: latchkey ${cmd.path.join(' ')}${args} [options]`,
    '',
  ];
  const opts = { ...cmd.options, ...GLOBAL_OPTIONS };
  lines.push('Options:');
  const rows = Object.entries(opts).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`;
    return [flag, o.description + (o.multiple ? ' Repeatable.' : '')] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length));
  for (const [flag, text] of rows) lines.push(`  ${flag.padEnd(width)}  ${text}`);
  if (cmd.notes) lines.push('', cmd.notes);
  if (cmd.examples?.length) lines.push('', 'Examples:', ...cmd.examples.map((e) => `  ${e}`));
  return `${lines.join('\n')}\n`;
}
