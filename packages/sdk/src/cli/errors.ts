// Exit codes and the one-line messages the CLI prints instead of stack traces.
import { isLatchkeyError } from '../errors.js';

/** Documented in `latchkey --help` and the README; scripts depend on them. */
export const EXIT = {
  ok: 0,
  /** The API refused the request (4xx other than 401/403, 5xx), or anything unexpected. */
  api: 1,
  /** Bad command line: unknown command or flag, missing or invalid argument. */
  usage: 2,
  /** No credentials, or the token is invalid, expired, revoked or lacks the permission. */
  auth: 3,
  /** The server could not be reached. */
  network: 4,
} as const;

/** A command-line mistake; `hint` names the help to read. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Missing or unusable credentials, found before any request. */
export class CredentialsError extends Error {}

/** Maps an error to its exit code and a single line for stderr. */
export function describe(error: unknown): { exit: number; message: string } {
  if (error instanceof UsageError) {
    return {
      exit: EXIT.usage,
      message: error.hint ? `${error.message}\n${error.hint}` : error.message,
    };
  }
  if (error instanceof CredentialsError) return { exit: EXIT.auth, message: error.message };
  if (isLatchkeyError(error)) {
    switch (error.code) {
      case 'api_error': {
        const detail = error.problem.detail ?? error.problem.title ?? `HTTP ${error.status}`;
        const fields = error.fieldErrors
          .map((f) => `${f.pointer ? f.pointer.slice(1).replace(/\//g, '.') : 'body'}: ${f.detail}`)
          .join('; ');
        const text = fields ? `${detail} (${fields})` : detail;
        if (error.status === 401) {
          return {
            exit: EXIT.auth,
            message: `authentication failed: ${text} Check LATCHKEY_TOKEN or run \`latchkey login\`.`,
          };
        }
        if (error.status === 403) return { exit: EXIT.auth, message: `not allowed: ${text}` };
        return {
          exit: EXIT.api,
          message: `${error.status} ${error.problem.title ?? 'error'}: ${text}`,
        };
      }
      case 'network_error':
        return {
          exit: EXIT.network,
          message: `${error.message}. Is the server running, and is the URL right?`,
        };
      case 'session_expired':
        return { exit: EXIT.auth, message: error.message };
      case 'oauth_error':
        return { exit: EXIT.auth, message: `OAuth error: ${error.message}` };
      case 'protocol_error':
        return { exit: EXIT.api, message: error.message };
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return { exit: EXIT.api, message: `unexpected error: ${message}` };
}
