// Typed store errors, thrown by every adapter; the HTTP layer maps them to 409 and 404.
import { ConflictError, InvalidRequestError, NotFoundError } from '../errors.js';

/** A unique key is taken (client id, username, token digest). `field` names it. */
export class DuplicateKeyError extends ConflictError {
  constructor(readonly field: string) {
    super(`The ${field} is already taken.`, [{ pointer: `/${field}`, detail: 'is already taken' }]);
  }
}

export class RecordNotFoundError extends NotFoundError {
  constructor(what: string) {
    super(`No such ${what}.`);
  }
}

export class InvalidCursorError extends InvalidRequestError {
  constructor() {
    super('The cursor is invalid.', [
      { pointer: '/query/cursor', detail: 'is not a cursor this server issued' },
    ]);
  }
}
