/**
 * The MFA test app, bundled by esbuild for the browser tests: Amplify v6 Auth configured for Cognate's
 * endpoint, exposing TOTP set-up, sign-in with its confirmation step, device remembering and sign-out.
 */
import { Amplify } from 'aws-amplify';
import {
  confirmSignIn,
  fetchAuthSession,
  fetchDevices,
  fetchMFAPreference,
  rememberDevice,
  setUpTOTP,
  signIn,
  signOut,
  updateMFAPreference,
  verifyTOTPSetup,
} from 'aws-amplify/auth';

const q = new URLSearchParams(location.search);
Amplify.configure({
  Auth: {
    Cognito: {
      userPoolId: q.get('pool') ?? '',
      userPoolClientId: q.get('client') ?? '',
      userPoolEndpoint: q.get('endpoint') ?? '',
    },
  },
});

async function session(forceRefresh = false) {
  const s = await fetchAuthSession({ forceRefresh });
  return { accessToken: s.tokens?.accessToken?.toString(), idToken: s.tokens?.idToken?.toString() };
}

const actions = {
  async signIn(username: string, password: string) {
    const r = await signIn({ username, password });
    return { isSignedIn: r.isSignedIn, step: r.nextStep.signInStep };
  },
  async confirm(code: string) {
    const r = await confirmSignIn({ challengeResponse: code });
    return { isSignedIn: r.isSignedIn, step: r.nextStep.signInStep };
  },
  async setUpTotp() {
    return (await setUpTOTP()).sharedSecret;
  },
  async verifyTotp(code: string) {
    await verifyTOTPSetup({ code });
    await updateMFAPreference({ totp: 'PREFERRED' });
    return fetchMFAPreference();
  },
  async rememberDevice() {
    await rememberDevice();
    return (await fetchDevices()).map((d) => ({ id: d.id, name: d.name }));
  },
  session,
  async signOut(global = false) {
    await signOut({ global });
    return session();
  },
};

(window as unknown as { cognate: typeof actions }).cognate = actions;
document.body.dataset.ready = 'true';
