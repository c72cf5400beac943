/**
 * The one notion of a sign-in session shared by Identity Center and user-pool managed login: a browser
 * session that started with a password, ends at a fixed time, and can be ended early (sign-out). Both
 * kinds are judged here, so "is this session alive?" has one answer everywhere; the grants and tokens
 * issued under a session are judged by their own module (domain/revocation.ts for user pools,
 * domain/sso/session.ts for Identity Center tokens), which ask this one about the session.
 */

export type SessionVerdict = 'active' | 'ended' | 'expired' | 'missing';

/** What every sign-in session record has. */
export interface SessionTimes {
  expiresAt: number;
  endedAt?: number;
}

/**
 * Judges a session. An ended session stays ended whatever its expiry; a session whose subject is gone
 * is missing; `signedOutSince` is true when the subject signed out everywhere after the session began
 * (and the server counts that against browser sessions).
 */
export function judgeSignInSession(
  session: SessionTimes | undefined,
  now: number,
  subject: { exists: boolean; signedOutSince?: boolean },
): SessionVerdict {
  if (!session || !subject.exists) return 'missing';
  if (session.endedAt !== undefined || subject.signedOutSince === true) return 'ended';
  if (session.expiresAt <= now) return 'expired';
  return 'active';
}
