// AuditStore contract: append-only, newest first, filters, descending keyset pagination.
import { describe, expect, it } from 'vitest';
import type { NewAuditEvent } from '../../domains/audit/store.js';
import {
  expectBetween,
  expectEachOnce,
  sleep,
  uid,
  useStores,
  walkPages,
  type OpenStores,
} from './fixtures.js';

const newEvent = (overrides: Partial<NewAuditEvent> = {}): NewAuditEvent => ({
  id: uid('evt'),
  type: 'client.created',
  actor: { type: 'user', id: uid('usr'), name: 'ada' },
  target: { type: 'client', id: uid('cl') },
  ip: '203.0.113.7',
  userAgent: 'vitest',
  details: {
    client_name: 'Billing',
    'dotted.key': 1,
    $dollar: [1, 'two', null],
    nested: { ok: true },
  },
  ...overrides,
});

export function auditStoreContract(open: OpenStores): void {
  describe('AuditStore', () => {
    const stores = useStores(open);
    const audit = () => stores().audit;

    it('appends an event and lists it back unchanged', async () => {
      const input = newEvent({
        target: null,
        ip: null,
        userAgent: null,
        actor: { type: 'system', id: null, name: null },
      });
      const start = new Date();
      const event = await audit().append(input);
      expectBetween(event.createdAt, start, new Date());
      expect(event).toEqual({ ...input, createdAt: event.createdAt });
      const page = await audit().list({ limit: 1, type: input.type, since: start });
      expect(page.items[0]).toEqual(event);
    });

    it('filters by type, actor, target and time window (since inclusive, until exclusive)', async () => {
      const type = uid('test.type');
      const actorId = uid('usr');
      const a = await audit().append(
        newEvent({ type, actor: { type: 'user', id: actorId, name: 'a' } }),
      );
      await sleep(5);
      const b = await audit().append(
        newEvent({ type, target: { type: 'user', id: 'usr_target' } }),
      );
      await sleep(5);
      const c = await audit().append(newEvent({ type }));
      const ids = async (filter: object) =>
        (await audit().list({ limit: 50, type, ...filter })).items.map((e) => e.id);
      expect(await ids({})).toEqual([c.id, b.id, a.id]);
      expect(await ids({ actorId })).toEqual([a.id]);
      expect(await ids({ targetType: 'user' })).toEqual([b.id]);
      expect(await ids({ targetType: 'user', targetId: 'usr_target' })).toEqual([b.id]);
      expect(await ids({ targetId: c.target!.id })).toEqual([c.id]);
      expect(await ids({ since: b.createdAt })).toEqual([c.id, b.id]);
      expect(await ids({ until: b.createdAt })).toEqual([a.id]);
      expect(await ids({ since: b.createdAt, until: c.createdAt })).toEqual([b.id]);
    });

    it('pages newest first without skipping or repeating while events are appended', async () => {
      const type = uid('page.type');
      const existing: string[] = [];
      for (let i = 0; i < 10; i++) existing.push((await audit().append(newEvent({ type }))).id);
      const seen = await walkPages(
        (cursor) => audit().list({ limit: 3, type, cursor }),
        (e) => e.id,
        async () => void (await audit().append(newEvent({ type }))),
        -1,
      );
      expectEachOnce(seen, existing);
    });
  });
}
