// UserStore over MongoDB: _id = user id; usernameLower carries the case-insensitive unique index
// (collations are not portable: FerretDB rejects them).
import type { Db, Filter } from 'mongodb';
import type { Role } from '../../lib/operation.js';
import type { UserPatch, UserRecord, UserStore } from '../../domains/users/store.js';
import { DuplicateKeyError } from '../../lib/store-errors.js';
import { toPage } from '../../lib/page.js';
import { cursorPosition, pageLimit } from '../paging.js';
import { definedOnly } from '../records.js';
import { deleteIssued } from './cascade.js';
import { C } from './collections.js';
import { isDuplicateKey } from './errors.js';
import { allOf, containsText, keyset } from './query.js';

export type UserDoc = Omit<UserRecord, 'id'> & { _id: string; usernameLower: string };

const fromDoc = (d: UserDoc): UserRecord => ({
  id: d._id,
  username: d.username,
  email: d.email ?? null,
  displayName: d.displayName ?? null,
  role: d.role as Role,
  disabled: d.disabled,
  passwordHash: d.passwordHash ?? null,
  failedLogins: d.failedLogins ?? 0,
  lockedUntil: d.lockedUntil ?? null,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

/** The fields a patch may set, with usernameLower kept in step with username. */
function patchFields(patch: UserPatch): Partial<UserDoc> {
  const { username, email, displayName, role, disabled, passwordHash } = patch;
  const set: Partial<UserDoc> = definedOnly({
    username,
    email,
    displayName,
    role,
    disabled,
    passwordHash,
  });
  if (username !== undefined) set.usernameLower = username.toLowerCase();
  return set;
}

export function mongoUserStore(db: Db): UserStore {
  const users = db.collection<UserDoc>(C.users);

  /** FerretDB's duplicate-key errors do not name the index, so ask which key is taken. */
  async function duplicateField(usernameLower: string): Promise<string> {
    return (await users.countDocuments({ usernameLower }, { limit: 1 })) > 0 ? 'username' : 'id';
  }

  return {
    async create(user) {
      const now = new Date();
      const doc: UserDoc = {
        _id: user.id,
        username: user.username,
        usernameLower: user.username.toLowerCase(),
        email: user.email,
        displayName: user.displayName,
        role: user.role,
        disabled: user.disabled,
        passwordHash: user.passwordHash,
        failedLogins: 0,
        lockedUntil: null,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await users.insertOne(doc);
      } catch (error) {
        if (isDuplicateKey(error))
          throw new DuplicateKeyError(await duplicateField(doc.usernameLower));
        throw error;
      }
      return fromDoc(doc);
    },
    async get(id) {
      const doc = await users.findOne({ _id: id });
      return doc ? fromDoc(doc) : undefined;
    },
    async getByUsername(username) {
      const doc = await users.findOne({ usernameLower: username.toLowerCase() });
      return doc ? fromDoc(doc) : undefined;
    },
    async list(filter) {
      const limit = pageLimit(filter.limit);
      const q = filter.q === undefined ? undefined : containsText(filter.q);
      const query = allOf(
        q ? { $or: [{ username: q }, { email: q }, { displayName: q }] } : {},
        filter.role === undefined ? {} : { role: filter.role },
        filter.disabled === undefined ? {} : { disabled: filter.disabled },
        keyset(cursorPosition(filter.cursor), '_id'),
      ) as Filter<UserDoc>;
      const docs = await users
        .find(query)
        .sort({ createdAt: 1, _id: 1 })
        .limit(limit + 1)
        .toArray();
      return toPage(docs.map(fromDoc), limit, (u) => u.id);
    },
    async count() {
      return users.countDocuments({});
    },
    async update(id, patch) {
      try {
        const set = { ...patchFields(patch), updatedAt: new Date() };
        const doc = await users.findOneAndUpdate(
          { _id: id },
          { $set: set },
          { returnDocument: 'after' },
        );
        return doc ? fromDoc(doc) : undefined;
      } catch (error) {
        if (isDuplicateKey(error)) throw new DuplicateKeyError('username');
        throw error;
      }
    },
    async delete(id) {
      // The user goes first, then everything issued to them (see cascade.ts).
      const { deletedCount } = await users.deleteOne({ _id: id });
      await deleteIssued(db, { userId: id });
      return deletedCount > 0;
    },
    async recordFailedLogin(id, threshold, lockUntil) {
      // $inc is atomic on one document; the lock is a second, conditional step (FerretDB has no
      // pipeline updates), taken by whichever caller sees the count at the threshold.
      const counted = await users.findOneAndUpdate(
        { _id: id },
        { $inc: { failedLogins: 1 } },
        { returnDocument: 'after' },
      );
      if (!counted || counted.failedLogins < threshold)
        return counted ? fromDoc(counted) : undefined;
      const locked = await users.findOneAndUpdate(
        { _id: id, failedLogins: { $gte: threshold } },
        { $set: { failedLogins: 0, lockedUntil: lockUntil } },
        { returnDocument: 'after' },
      );
      const doc = locked ?? (await users.findOne({ _id: id }));
      return doc ? fromDoc(doc) : undefined;
    },
    async clearFailedLogins(id) {
      await users.updateOne({ _id: id }, { $set: { failedLogins: 0, lockedUntil: null } });
    },
  };
}
