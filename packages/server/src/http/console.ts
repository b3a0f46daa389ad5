// The admin console: the built files of packages/console/dist at /console. The app's own
// routes (/console/clients/..., /console/callback) get index.html; hashed assets are cached for
// a year, index.html is revalidated on every load. Without a build, /console answers a 503 page
// that says how to make one. GET and HEAD only; other methods fall through (404/405).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Middleware } from 'koa';

/** Where `pnpm build:console` writes the console (from src/ and from the compiled dist/). */
export const CONSOLE_DIST = fileURLToPath(new URL('../../../console/dist', import.meta.url));

const PREFIX = '/console';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Console not built</title></head>
<body>
<h1>The console has not been built</h1>
<p>Latchkey serves its admin console from <code>packages/console/dist</code>, which does not exist yet.</p>
<p>Build it with <code>pnpm build:console</code> (<code>pnpm start</code> does this for you), then reload this page.</p>
</body>
</html>
`;

export interface ConsoleOptions {
  /** The built console; default {@link CONSOLE_DIST}. */
  dir?: string;
}

export function consoleStatic(options: ConsoleOptions = {}): Middleware {
  const root = path.resolve(options.dir ?? CONSOLE_DIST);
  return async (ctx, next) => {
    if (ctx.path !== PREFIX && !ctx.path.startsWith(`${PREFIX}/`)) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();

    const relative = decode(ctx.path.slice(PREFIX.length));
    if (relative === null) return notFound(ctx);
    // Normalised against "/" first, so "..", however encoded, cannot leave the root.
    const file = path.join(root, path.normalize(`/${relative}`));
    const info = await stat(file).catch(() => null);
    if (info?.isFile()) {
      const immutable = file.startsWith(path.join(root, 'assets') + path.sep);
      return send(
        ctx,
        file,
        info,
        immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
      );
    }
    // A missing file (it has an extension) is a 404, not the app: a stale chunk must fail loudly
    // rather than be answered with HTML.
    if (path.extname(file) !== '') return notFound(ctx);
    return sendIndex(ctx, root);
  };
}

/** The app's page for every route under /console; 503 while there is no build. */
async function sendIndex(ctx: Context, root: string): Promise<void> {
  const file = path.join(root, 'index.html');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    ctx.status = 503;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = NOT_BUILT;
    return;
  }
  await send(ctx, file, info, 'no-cache');
}

async function send(
  ctx: Context,
  file: string,
  info: { size: number; mtimeMs: number },
  cacheControl: string,
): Promise<void> {
  ctx.status = 200;
  ctx.type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  ctx.set('Cache-Control', cacheControl);
  ctx.set('ETag', `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`);
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.body = await readFile(file);
}

function notFound(ctx: Context): void {
  ctx.status = 404;
  ctx.type = 'text/plain; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = 'Not found';
}

/** The percent-decoded path; null when it is malformed or smuggles a NUL byte. */
function decode(value: string): string | null {
  try {
    const decoded = decodeURIComponent(value);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}
