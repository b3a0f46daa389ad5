/**
 * TanStack Query options and keys for every operation, generated from the contract. Pass an
 * authenticated client from `createLatchkeyClient(...).client`.
 *
 * @example
 * ```ts
 * import { useQuery } from '@tanstack/react-query';
 * import { listClientsOptions } from '@latchkey/sdk/react-query';
 *
 * const { data } = useQuery(listClientsOptions({ client: latchkey.client, query: { limit: 20 } }));
 * ```
 *
 * @module
 */
export * from './generated/@tanstack/react-query.gen.js';
