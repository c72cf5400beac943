/**
 * The second-factor pages: the code form (authenticator app, or a code sent by SMS or e-mail) posting
 * to /mfa, and the factor choice posting to /mfa/select. They take the same challenge sessions as
 * RespondToAuthChallenge (domain/mfa): a wrong code counts against the session's attempts, and a TOTP
 * code is accepted once.
 */
import { assertCanSignIn } from '../../domain/auth.ts';
import type { AuthorizeRequest } from '../../domain/oauth/authorize-request.ts';
import { totpAccepted, WRONG_MFA_CODE } from '../../domain/mfa/answer.ts';
import type { MfaFactor } from '../../domain/mfa/pool-mfa.ts';
import { countWrongCode, type MfaChallengeName, sentCodeMatches, takeMfaSession } from '../../domain/mfa/session.ts';
import { totpSecret } from '../../domain/mfa/user-mfa.ts';
import { ServiceError } from '../../protocol/errors.ts';
import type { RawRequest, Route } from '../../server/context.ts';
import { csrfFor } from '../cookies.ts';
import { esc, sendHtml } from '../html.ts';
import { finishSignIn } from './finish.ts';
import { form, input, message, page } from './layout.ts';
import { postedForm, sendSignInForm } from './login.ts';
import { authorizeFields, authorizeRequestOf } from './request.ts';
import { codePrompt, type MfaPrompt, type StepResult } from './sign-in-steps.ts';

const FACTOR_NAMES: Record<MfaFactor, string> = {
  SOFTWARE_TOKEN_MFA: 'Authenticator app',
  SMS_MFA: 'Text message (SMS)',
  EMAIL_OTP: 'Email',
};

/** Renders a second-factor prompt. */
export function sendMfaPrompt(
  r: RawRequest,
  req: AuthorizeRequest,
  fields: Record<string, string>,
  prompt: MfaPrompt,
  error?: string,
): void {
  const { token, cookies } = csrfFor(r.ctx.app, r.req);
  let body: string;
  if (prompt.kind === 'select') {
    const options = prompt.choices
      .map(
        (c, i) =>
          `<p><input type="radio" id="mfa-${i}" name="factor" value="${esc(c)}"${i === 0 ? ' checked' : ''} style="width:auto">` +
          ` <label for="mfa-${i}" style="display:inline;font-weight:400">${esc(FACTOR_NAMES[c])}</label></p>`,
      )
      .join('');
    body =
      message('error', error) +
      form(
        '/mfa/select',
        token,
        { ...fields, session: prompt.session },
        `<fieldset style="border:0;padding:0"><legend>Choose how to verify</legend>${options}</fieldset>`,
        'Continue',
      );
  } else {
    const label = prompt.challenge === 'SOFTWARE_TOKEN_MFA' ? 'Code from your authenticator app' : 'Verification code';
    const hint = prompt.destination ? `We sent a code to ${prompt.destination}.` : undefined;
    body =
      message('error', error) +
      form(
        '/mfa',
        token,
        {
          ...fields,
          session: prompt.session,
          challenge: prompt.challenge,
          ...(prompt.destination ? { destination: prompt.destination } : {}),
        },
        input('code', label, { autocomplete: 'one-time-code', inputmode: 'numeric', ...(hint ? { hint } : {}) }),
        'Verify',
      );
  }
  sendHtml(r.res, error ? 400 : 200, page('Verify it’s you', body, req.client.name), cookies);
}

/** Answers a step: signed in, another prompt, or the sign-in form again with the reason. */
async function answer(r: RawRequest, req: AuthorizeRequest, fields: Record<string, string>, step: StepResult): Promise<void> {
  if ('done' in step) return finishSignIn(r, req, step.done);
  if ('mfa' in step) return sendMfaPrompt(r, req, fields, step.mfa);
  return sendSignInForm(r, req, fields, { status: 'status' in step ? step.status : 400, error: 'error' in step ? step.error : undefined });
}

/** Opens the posted challenge session; an expired or spent one sends the user back to the sign-in form. */
async function open(r: RawRequest, req: AuthorizeRequest, fields: Record<string, string>, session: string, challenge: MfaChallengeName) {
  try {
    const opened = await takeMfaSession(r.ctx.app, req.client, session, [challenge]);
    const user = opened.state.poolId === req.pool.id ? await r.ctx.app.store.users.getBySub(req.pool.id, opened.state.sub) : undefined;
    if (!user) throw new ServiceError('NotAuthorizedException', 'Your session has expired. Sign in again.');
    await assertCanSignIn(r.ctx.app, user);
    return { opened, user };
  } catch (e) {
    if (!(e instanceof ServiceError) || e.status >= 500) throw e;
    sendSignInForm(r, req, fields, { status: 400, error: 'Your sign-in session has expired. Sign in again.' });
    return undefined;
  }
}

export const mfaRoutes: Route[] = [
  {
    method: 'POST',
    path: '/mfa',
    handler: async (r) => {
      const posted = postedForm(r);
      const req = posted && (await authorizeRequestOf(r, posted));
      if (!posted || !req) return;
      const fields = authorizeFields(posted);
      const challenge = posted.get('challenge') as 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP';
      if (!['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'EMAIL_OTP'].includes(challenge)) return sendSignInForm(r, req, fields, { status: 400 });
      const session = posted.get('session') ?? '';
      const got = await open(r, req, fields, session, challenge);
      if (!got) return;
      const code = (posted.get('code') ?? '').trim();
      const ok =
        challenge === 'SOFTWARE_TOKEN_MFA'
          ? await totpAccepted(r.ctx.app, got.user, totpSecret(r.ctx.app, got.user), code)
          : await sentCodeMatches(r.ctx.app, got.opened.state, code);
      if (!ok) {
        // The session goes back with the attempt counted (gone after the last one), as for the API.
        await countWrongCode(r.ctx.app, got.opened);
        const destination = posted.get('destination') ?? undefined;
        return sendMfaPrompt(r, req, fields, { kind: 'code', challenge, session, ...(destination ? { destination } : {}) }, WRONG_MFA_CODE);
      }
      return answer(r, req, fields, { done: got.user });
    },
  },
  {
    method: 'POST',
    path: '/mfa/select',
    handler: async (r) => {
      const posted = postedForm(r);
      const req = posted && (await authorizeRequestOf(r, posted));
      if (!posted || !req) return;
      const fields = authorizeFields(posted);
      const got = await open(r, req, fields, posted.get('session') ?? '', 'SELECT_MFA_TYPE');
      if (!got) return;
      const choice = posted.get('factor') as MfaFactor;
      if (!(got.opened.state.choices ?? []).includes(choice)) {
        await countWrongCode(r.ctx.app, got.opened);
        return sendMfaPrompt(
          r,
          req,
          fields,
          { kind: 'select', session: posted.get('session') ?? '', choices: (got.opened.state.choices ?? []) as MfaFactor[] },
          'Choose one of the offered methods.',
        );
      }
      return answer(r, req, fields, { mfa: await codePrompt(r.ctx.app, req.pool, req.client, got.user, choice) });
    },
  },
];
