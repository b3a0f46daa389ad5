// The ceiling: bare Koa answering a fixed JSON body.
import { startPeer } from '../lib/peer.mjs';

/** `again`: the same ceiling measured once more at the end of the run (see lib/report.mjs). */
export const koaTarget = (again = false) => ({
  id: again ? 'koa-end' : 'koa',
  label: again ? 'bare Koa 3 (again, at the end)' : 'bare Koa 3',
  start: (ctx) => startPeer('koa.mjs', ctx),
  scenarios: () => [
    {
      id: again ? 'koa-end/fixed-json' : 'koa/fixed-json',
      name: 'GET fixed JSON (ceiling)',
      request: { method: 'GET', path: '/' },
      expect: (body) => (body.ok ? undefined : 'unexpected body'),
    },
  ],
});

export default koaTarget();
