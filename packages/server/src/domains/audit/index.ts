// Public surface of the audit domain.
export { AuditLog, type AuditContext } from './service.js';
export type { AuditEventRecord, AuditStore } from './store.js';
