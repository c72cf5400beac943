/**
 * The sign-in factor part of the Store port: which TOTP step each user last used, so that a code is
 * accepted once even when two requests race (on one node or several).
 */

export interface MfaRepo {
  /**
   * Records that the user signed in (or verified) with the TOTP code of `step`. True only when `step`
   * is later than every step claimed before for this user: the check and the write are one atomic step,
   * so of two requests presenting the same code exactly one wins.
   */
  claimTotpStep(poolId: string, sub: string, step: number): Promise<boolean>;
}
