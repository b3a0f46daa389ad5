// latchkey tokens list|revoke|prune: oversight of every user's personal access tokens.
import type { LatchkeyClient } from '../../client.js';
import type { PersonalAccessToken } from '../../models.js';
import { paginate } from '../../paginate.js';
import { UsageError } from '../errors.js';
import { bool, int, str, type Command, type Context } from '../command.js';
import { progress, table, when } from '../output.js';

const DAY_MS = 86_400_000;
/** The API takes up to 500 ids per call; smaller batches give the progress bar something to do. */
const BATCH = 100;

function tokenTable(ctx: Context, tokens: PersonalAccessToken[]): void {
  ctx.out(
    table(tokens, [
      { header: 'ID', value: (t) => t.id },
      { header: 'NAME', value: (t) => t.name },
      { header: 'USER', value: (t) => t.user_id },
      { header: 'CLIENT', value: (t) => t.client_id },
      { header: 'TOKEN', value: (t) => t.token_hint },
      { header: 'LAST USED', value: (t) => when(t.last_used_at, 'never') },
      { header: 'EXPIRES', value: (t) => when(t.expires_at, 'never') },
    ]),
  );
}

/** Revokes `ids` in batches, with a progress bar on a terminal; answers how many were revoked. */
async function revokeAll(ctx: Context, api: LatchkeyClient, ids: string[]): Promise<number> {
  const bar = progress(ctx.io.stderr, 'Revoking', ids.length);
  let revoked = 0;
  try {
    for (let i = 0; i < ids.length; i += BATCH) {
      const result = await api.adminTokens.bulkRevoke({ token_ids: ids.slice(i, i + BATCH) });
      revoked += result.revoked;
      bar.tick(Math.min(i + BATCH, ids.length));
    }
  } finally {
    bar.finish();
  }
  return revoked;
}

const filters = {
  user: { type: 'string', value: 'USER_ID', description: 'Only tokens of this user.' },
  client: {
    type: 'string',
    value: 'CLIENT_ID',
    description: 'Only tokens issued under this client.',
  },
} as const;

export const tokenCommands: Command[] = [
  {
    path: ['tokens', 'list'],
    summary: "List every user's personal access tokens (administrators).",
    options: {
      ...filters,
      'unused-days': {
        type: 'string',
        value: 'N',
        description: 'Only tokens not used for N days (never-used ones count from creation).',
      },
      'never-used': {
        type: 'boolean',
        description: 'Only tokens never used (--no-never-used: used ones).',
      },
      limit: { type: 'string', value: 'N', description: 'Show at most N tokens (default: all).' },
    },
    examples: [
      'latchkey tokens list --never-used',
      'latchkey tokens list --user usr_5d2c9a71e3 --json',
    ],
    async run(ctx, values) {
      const api = await ctx.api();
      const limit = int(str(values, 'limit'), 'limit', 1);
      const days = int(str(values, 'unused-days'), 'unused-days', 1);
      const tokens = await findTokens(api, {
        user_id: str(values, 'user'),
        client_id: str(values, 'client'),
        never_used: bool(values, 'never-used'),
        days,
        limit,
      });
      if (ctx.json) return ctx.out(`${JSON.stringify(tokens, null, 2)}\n`);
      if (tokens.length === 0) return ctx.note('No tokens.');
      tokenTable(ctx, tokens);
    },
  },
  {
    path: ['tokens', 'revoke'],
    summary: "Revoke personal access tokens by id (any user's; administrators).",
    args: ['TOKEN_ID...'],
    examples: ['latchkey tokens revoke pat_8f3b1c6d2e', 'latchkey tokens revoke pat_1 pat_2 pat_3'],
    async run(ctx, _values, ids) {
      const api = await ctx.api();
      const unique = [...new Set(ids)];
      let revoked: number;
      if (unique.length === 1) {
        await api.adminTokens.revoke(unique[0]!); // a single unknown id is a 404, not a silent 0
        revoked = 1;
      } else {
        revoked = await revokeAll(ctx, api, unique);
      }
      if (ctx.json) return ctx.out(`${JSON.stringify({ revoked, requested: unique.length })}\n`);
      ctx.out(`Revoked ${revoked} of ${unique.length} token${unique.length === 1 ? '' : 's'}.\n`);
      if (revoked < unique.length) ctx.note('Unknown or already revoked ids were skipped.');
    },
  },
  {
    path: ['tokens', 'prune'],
    summary: 'Revoke personal access tokens unused for N days (administrators).',
    options: {
      'unused-days': {
        type: 'string',
        value: 'N',
        description:
          'Required. Tokens whose last use (or creation, if never used) is older than N days.',
      },
      'dry-run': { type: 'boolean', description: 'Only list what would be revoked.' },
      ...filters,
      yes: { type: 'boolean', short: 'y', description: 'Do not ask for confirmation.' },
    },
    notes:
      'Asks for confirmation on a terminal; elsewhere --yes is required (or --dry-run).\n' +
      'A token created less than N days ago is never pruned, even if it was never used.',
    examples: [
      'latchkey tokens prune --unused-days 90 --dry-run',
      'latchkey tokens prune --unused-days 90 --yes --json',
    ],
    async run(ctx, values) {
      const days = int(str(values, 'unused-days'), 'unused-days', 1);
      if (days === undefined) {
        throw new UsageError('--unused-days is required', 'See: latchkey tokens prune --help');
      }
      const dryRun = bool(values, 'dry-run') ?? false;
      const api = await ctx.api();
      const tokens = await findTokens(api, {
        user_id: str(values, 'user'),
        client_id: str(values, 'client'),
        days,
      });
      const summary = (revoked: number | null) => ({
        dry_run: dryRun,
        unused_days: days,
        matched: tokens.length,
        revoked,
        tokens,
      });
      if (tokens.length === 0) {
        if (ctx.json) return ctx.out(`${JSON.stringify(summary(dryRun ? null : 0), null, 2)}\n`);
        return ctx.out(`No tokens unused for ${days} days.\n`);
      }
      if (dryRun) {
        if (ctx.json) return ctx.out(`${JSON.stringify(summary(null), null, 2)}\n`);
        tokenTable(ctx, tokens);
        return ctx.out(
          `Would revoke ${tokens.length} token${tokens.length === 1 ? '' : 's'} (dry run).\n`,
        );
      }
      const question = `Revoke ${tokens.length} token${tokens.length === 1 ? '' : 's'} unused for ${days} days?`;
      if (!ctx.json && ctx.interactive && !bool(values, 'yes')) tokenTable(ctx, tokens);
      if (!(await ctx.confirm(question, bool(values, 'yes') ?? false)))
        return ctx.note('Cancelled.');
      const revoked = await revokeAll(
        ctx,
        api,
        tokens.map((t) => t.id),
      );
      if (ctx.json) return ctx.out(`${JSON.stringify(summary(revoked), null, 2)}\n`);
      ctx.out(`Revoked ${revoked} token${revoked === 1 ? '' : 's'} unused for ${days} days.\n`);
    },
  },
];

/**
 * Lists tokens through every page. With `days`, asks the server for tokens unused since the
 * cutoff and keeps those whose last use, or creation when never used, is older: the server's
 * filter counts a token made a minute ago and not used yet as unused.
 */
async function findTokens(
  api: LatchkeyClient,
  f: { user_id?: string; client_id?: string; never_used?: boolean; days?: number; limit?: number },
): Promise<PersonalAccessToken[]> {
  const cutoff = f.days === undefined ? undefined : new Date(Date.now() - f.days * DAY_MS);
  const query = {
    user_id: f.user_id,
    client_id: f.client_id,
    never_used: f.never_used,
    unused_since: cutoff?.toISOString(),
    limit: 100,
  };
  const found: PersonalAccessToken[] = [];
  for await (const token of paginate(api.adminTokens.list, query)) {
    if (cutoff && new Date(token.last_used_at ?? token.created_at) >= cutoff) continue;
    found.push(token);
    if (f.limit !== undefined && found.length >= f.limit) break;
  }
  return found;
}
