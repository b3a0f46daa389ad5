// latchkey users list|create
import type { User } from '../../models.js';
import { paginate } from '../../paginate.js';
import { UsageError } from '../errors.js';
import { bool, int, oneOf, str, type Command, type Context } from '../command.js';
import { details, table, when } from '../output.js';

const ROLES = ['admin', 'member'] as const;

function showUser(ctx: Context, user: User): void {
  if (ctx.json) return ctx.out(`${JSON.stringify(user, null, 2)}\n`);
  ctx.out(
    details([
      ['User ID', user.id],
      ['Username', user.username],
      ['Email', user.email ?? '-'],
      ['Display name', user.display_name ?? '-'],
      ['Role', user.role],
      ['Disabled', user.disabled ? 'yes' : 'no'],
      ['Created', when(user.created_at)],
    ]),
  );
}

export const userCommands: Command[] = [
  {
    path: ['users', 'list'],
    summary: 'List user accounts, by username (administrators).',
    options: {
      query: {
        type: 'string',
        short: 'q',
        value: 'TEXT',
        description: 'Only users whose username, email or name contains TEXT.',
      },
      role: {
        type: 'string',
        value: 'ROLE',
        description: `Only users with this role: ${ROLES.join(', ')}.`,
      },
      disabled: {
        type: 'boolean',
        description: 'Only disabled users (--no-disabled: only enabled ones).',
      },
      limit: { type: 'string', value: 'N', description: 'Show at most N users (default: all).' },
    },
    examples: ['latchkey users list --role admin', 'latchkey users list -q ada --json'],
    async run(ctx, values) {
      const api = await ctx.api();
      const limit = int(str(values, 'limit'), 'limit', 1);
      const query = {
        q: str(values, 'query'),
        role: oneOf(str(values, 'role'), 'role', ROLES),
        disabled: bool(values, 'disabled'),
        limit: Math.min(limit ?? 100, 100),
      };
      const rows: User[] = [];
      for await (const user of paginate(api.users.list, query)) {
        rows.push(user);
        if (limit !== undefined && rows.length >= limit) break;
      }
      if (ctx.json) return ctx.out(`${JSON.stringify(rows, null, 2)}\n`);
      if (rows.length === 0) return ctx.note('No users.');
      ctx.out(
        table(rows, [
          { header: 'USER ID', value: (u) => u.id },
          { header: 'USERNAME', value: (u) => u.username },
          { header: 'EMAIL', value: (u) => u.email ?? '-' },
          { header: 'ROLE', value: (u) => u.role },
          { header: 'STATUS', value: (u) => (u.disabled ? 'disabled' : 'active') },
        ]),
      );
    },
  },
  {
    path: ['users', 'create'],
    summary: 'Create a user account (administrators).',
    options: {
      username: { type: 'string', value: 'NAME', description: 'Required. Unique username.' },
      email: { type: 'string', value: 'EMAIL', description: 'Email address.' },
      'display-name': { type: 'string', value: 'NAME', description: 'Name shown to people.' },
      role: {
        type: 'string',
        value: 'ROLE',
        description: `${ROLES.join(' or ')} (default member).`,
      },
      'password-stdin': { type: 'boolean', description: 'Read the password from standard input.' },
      password: {
        type: 'string',
        value: 'PASSWORD',
        description:
          'The password (visible to other local users in the process list; prefer --password-stdin).',
      },
    },
    examples: [
      'printf %s "$PASSWORD" | latchkey users create --username grace --role admin --password-stdin',
    ],
    async run(ctx, values) {
      const username = str(values, 'username');
      if (!username)
        throw new UsageError('--username is required', 'See: latchkey users create --help');
      const fromStdin = bool(values, 'password-stdin') ?? false;
      let password = str(values, 'password');
      if (fromStdin && password !== undefined) {
        throw new UsageError('give --password or --password-stdin, not both');
      }
      if (fromStdin) password = await ctx.readStdin();
      if (!password) {
        throw new UsageError(
          'a password is required: --password-stdin (or --password)',
          'See: latchkey users create --help',
        );
      }
      const api = await ctx.api();
      const user = await api.users.create({
        username,
        password,
        email: str(values, 'email'),
        display_name: str(values, 'display-name'),
        role: oneOf(str(values, 'role'), 'role', ROLES),
      });
      showUser(ctx, user);
    },
  },
];
