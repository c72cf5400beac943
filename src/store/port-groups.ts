/**
 * The user-pool group part of the Store port: groups and their members. Every page is in byte order of
 * its key (group name, or the member's user-name key), as the other lists of the port are.
 */
import type { GroupRecord, UserRecord } from '../domain/types.ts';
import type { Page } from './port.ts';

/** Who a membership names: the user's sub (the user's identity) and user-name key (the members' order). */
export interface MemberRef {
  sub: string;
  usernameKey: string;
}

export interface GroupRepo {
  /** Inserts a group; false when the pool already has a group of that name. */
  insert(group: GroupRecord): Promise<boolean>;
  get(poolId: string, name: string): Promise<GroupRecord | undefined>;
  list(poolId: string, limit: number, after?: string): Promise<Page<GroupRecord>>;
  /** Replaces description, precedence, role and last-modified time; false when the group does not exist. */
  update(group: GroupRecord): Promise<boolean>;
  /** Deletes the group and its memberships; false when it did not exist. */
  delete(poolId: string, name: string): Promise<boolean>;
  /** Makes the user a member (idempotent); false when the group does not exist. */
  addMember(poolId: string, name: string, member: MemberRef): Promise<boolean>;
  /** Ends a membership; false when the user was not a member. */
  removeMember(poolId: string, name: string, sub: string): Promise<boolean>;
  /** The groups a user is in, by name. */
  listForUser(poolId: string, sub: string, limit: number, after?: string): Promise<Page<GroupRecord>>;
  /** Every group a user is in, in one indexed read (token issue). */
  allForUser(poolId: string, sub: string): Promise<GroupRecord[]>;
  /** A group's members, by user-name key. */
  listMembers(poolId: string, name: string, limit: number, after?: string): Promise<Page<UserRecord>>;
}
