// Static assets held in memory (the pages' stylesheet): the CSP allows no inline style, so the
// pages link to these. GET and HEAD only; anything else falls through to the API (404/405).
import type { Middleware } from 'koa';

export interface Asset {
  body: string;
  contentType: string;
}

export function staticAssets(prefix: string, assets: Readonly<Record<string, Asset>>): Middleware {
  const files = new Map(
    Object.entries(assets).map(([name, asset]) => [`${prefix}/${name}`, asset]),
  );
  return async (ctx, next) => {
    const asset = files.get(ctx.path);
    if (!asset || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    ctx.status = 200;
    ctx.type = asset.contentType;
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = asset.body;
  };
}
