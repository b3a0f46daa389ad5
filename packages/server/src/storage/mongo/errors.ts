// Driver error classification, in one place because FerretDB reports some errors differently.
import { MongoServerError } from 'mongodb';

/**
 * A unique index rejected the write. MongoDB says 11000; FerretDB says 11000 for inserts but
 * code 1 "UNIQUE constraint failed" for updates and findOneAndUpdate.
 */
export function isDuplicateKey(error: unknown): boolean {
  if (!(error instanceof MongoServerError)) return false;
  return (
    error.code === 11000 || (error.code === 1 && error.message.includes('UNIQUE constraint failed'))
  );
}

/** e.g. FerretDB answers a TTL index with NotImplemented (238). */
export function isNotImplemented(error: unknown): boolean {
  return (
    error instanceof MongoServerError && (error.code === 238 || error.codeName === 'NotImplemented')
  );
}
