// latchkey login|logout: the profile file with the server URL and a personal access token.
import { createLatchkeyClient } from '../../client.js';
import { isApiError } from '../../errors.js';
import { UsageError } from '../errors.js';
import { bool, checkUrl, str, VERSION, type Command } from '../command.js';
import { profilePath, removeProfile, writeProfile } from '../profile.js';

export const sessionCommands: Command[] = [
  {
    path: ['login'],
    summary: 'Check a personal access token and save it with the server URL in the profile file.',
    options: {
      token: {
        type: 'string',
        value: 'TOKEN',
        description:
          'A personal access token (lk_pat_...); default LATCHKEY_TOKEN. Prefer --token-stdin.',
      },
      'token-stdin': { type: 'boolean', description: 'Read the token from standard input.' },
    },
    notes:
      'The profile is $XDG_CONFIG_HOME/latchkey/profile.json (default ~/.config/latchkey/profile.json),\n' +
      'written with mode 0600. LATCHKEY_TOKEN and LATCHKEY_URL override it.',
    examples: ['printf %s "$PAT" | latchkey login --url https://auth.example.com --token-stdin'],
    async run(ctx, values) {
      const urlValue = str(values, 'url') ?? ctx.io.env.LATCHKEY_URL;
      if (!urlValue) throw new UsageError('--url is required', 'See: latchkey login --help');
      const url = checkUrl(urlValue);
      let token = str(values, 'token');
      if (bool(values, 'token-stdin')) {
        if (token !== undefined) throw new UsageError('give --token or --token-stdin, not both');
        token = (await ctx.readStdin()).trim();
      }
      token ||= ctx.io.env.LATCHKEY_TOKEN;
      if (!token)
        throw new UsageError('a token is required: --token-stdin, --token or LATCHKEY_TOKEN');
      const api = createLatchkeyClient({
        baseUrl: url,
        token,
        headers: { 'User-Agent': `latchkey-cli/${VERSION} node/${process.versions.node}` },
      });
      let who: string | undefined;
      try {
        who = (await api.me.get()).username;
      } catch (error) {
        // 403: a valid token without the `profile` scope; anything else is a real failure.
        if (!(isApiError(error) && error.status === 403)) throw error;
      }
      const path = await writeProfile(ctx.io.env, { url, token });
      if (ctx.json)
        return ctx.out(`${JSON.stringify({ url, username: who ?? null, profile: path })}\n`);
      ctx.out(`Logged in to ${url}${who ? ` as ${who}` : ''}. Saved ${path} (mode 600).\n`);
    },
  },
  {
    path: ['logout'],
    summary: 'Delete the profile file (the token itself stays valid; revoke it to end it).',
    async run(ctx) {
      const removed = await removeProfile(ctx.io.env);
      if (ctx.json) return ctx.out(`${JSON.stringify({ removed })}\n`);
      ctx.out(removed ? `Removed ${profilePath(ctx.io.env)}.\n` : 'Not logged in.\n');
    },
  },
];
