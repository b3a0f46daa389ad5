// Liveness, readiness and Prometheus metrics.
import type { Routes } from '../lib/operation.js';
import type { Metrics } from './metrics.js';

export function healthRoutes(ping: () => Promise<void>, metrics: Metrics): Routes {
  return {
    getHealth: () => ({ status: 200, body: { status: 'ok' } }),
    getReadiness: async () => {
      const ok = await ping().then(
        () => true,
        () => false,
      );
      return {
        status: ok ? 200 : 503,
        body: { status: ok ? 'ok' : 'unavailable', checks: { store: ok ? 'ok' : 'unavailable' } },
      };
    },
    getMetrics: () => ({
      status: 200,
      body: metrics.render(),
      contentType: 'text/plain; version=0.0.4; charset=utf-8',
    }),
  };
}
