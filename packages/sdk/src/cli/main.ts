// The `latchkey` command line: finds the command, parses its flags, runs it, and turns any
// failure into a one-line message and a documented exit code.
import { parseArgs } from 'node:util';
import { clientCommands } from './commands/clients.js';
import { sessionCommands } from './commands/session.js';
import { tokenCommands } from './commands/tokens.js';
import { userCommands } from './commands/users.js';
import { commandHelp, Context, GLOBAL_OPTIONS, VERSION, type Command, type Io } from './command.js';
import { EXIT, UsageError, describe } from './errors.js';

const COMMANDS: Command[] = [
  ...sessionCommands,
  ...clientCommands,
  ...tokenCommands,
  ...userCommands,
];

const EXIT_CODES = `Exit codes:
  0  success
  1  the API refused the request (e.g. 400, 404, 409, 5xx), or an unexpected error
  2  usage error: unknown command or flag, missing or invalid argument
  3  authentication: no credentials, or the token is invalid, expired or lacks permission (401, 403)
  4  network: the server could not be reached`;

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(' ').length));
  const commands = COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  return `latchkey ${VERSION}: manage a Latchkey authorization server from the command line.

Usage: latchkey <command> [options]

Commands:
${commands.join('\n')}

Authentication (first found wins):
  LATCHKEY_TOKEN   a personal access token (lk_pat_...), with LATCHKEY_URL or --url
  profile file     written by \`latchkey login\`: $XDG_CONFIG_HOME/latchkey/profile.json (mode 0600)

Output: tables for people; --json prints JSON on stdout for scripts. Messages go to stderr.

${EXIT_CODES}

Run \`latchkey <command> --help\` for a command's options.
`;
}

function groupHelp(group: string, commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  return `Usage: latchkey ${group} <command> [options]

Commands:
${commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`).join('\n')}

Run \`latchkey ${group} <command> --help\` for a command's options.
`;
}

/** Runs the CLI; answers the exit code (never throws). */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    const { exit, message } = describe(error);
    io.stderr.write(`latchkey: ${message}\n`);
    if (io.env.LATCHKEY_DEBUG && error instanceof Error && error.stack) {
      io.stderr.write(`${error.stack}\n`);
    }
    return exit;
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [first, second] = argv;
  if (first === undefined) {
    io.stderr.write(mainHelp());
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(mainHelp());
    return EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const group = COMMANDS.filter((c) => c.path[0] === first);
  if (group.length === 0) {
    throw new UsageError(
      `unknown command "${first}"`,
      'Run `latchkey --help` for the list of commands.',
    );
  }
  let command: Command | undefined;
  let rest: string[];
  if (group.length === 1 && group[0]!.path.length === 1) {
    command = group[0]!;
    rest = argv.slice(1);
  } else {
    if (second === undefined || second === '--help' || second === '-h') {
      (second ? io.stdout : io.stderr).write(groupHelp(first, group));
      return second ? EXIT.ok : EXIT.usage;
    }
    command = group.find((c) => c.path[1] === second);
    if (!command) {
      throw new UsageError(
        `unknown command "${first} ${second}"`,
        `Commands: ${group.map((c) => c.path.join(' ')).join(', ')}`,
      );
    }
    rest = argv.slice(2);
  }
  const see = `See: latchkey ${command.path.join(' ')} --help`;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, ...GLOBAL_OPTIONS },
      allowPositionals: true,
      allowNegative: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(
      (error as Error).message.replace(/\. To specify a positional.*$/s, ''),
      see,
    );
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  const wanted = command.args ?? [];
  const variadic = wanted.at(-1)?.endsWith('...') ?? false;
  if (variadic ? positionals.length < wanted.length : positionals.length !== wanted.length) {
    const expected = wanted.length === 0 ? 'no arguments' : wanted.join(' ');
    throw new UsageError(
      `expected ${expected}, got ${positionals.length ? positionals.join(' ') : 'none'}`,
      see,
    );
  }
  const ctx = new Context(io, values.url as string | undefined, values.json === true);
  await command.run(
    ctx,
    values as Record<string, string | boolean | string[] | undefined>,
    positionals,
  );
  return EXIT.ok;
}
