// The API's view of a user: never the password hash or the lockout counters.
import type { User } from '../../generated/index.js';
import { iso } from '../../lib/present.js';
import type { UserRecord } from './store.js';

export function presentUser(user: UserRecord): User {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    display_name: user.displayName,
    role: user.role,
    disabled: user.disabled,
    created_at: iso(user.createdAt),
    updated_at: iso(user.updatedAt),
  };
}
