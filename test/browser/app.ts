/**
 * A tiny web app, bundled by esbuild in the browser test: Amplify v6 Auth configured for Cognate's
 * endpoint. The page reads its settings from the query string and exposes its actions to the driver.
 */
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';

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
  return { accessToken: s.tokens?.accessToken?.toString(), idToken: s.tokens?.idToken?.toString(), sub: s.userSub };
}

const actions = {
  async signIn(username: string, password: string) {
    const r = await signIn({ username, password });
    return { isSignedIn: r.isSignedIn, step: r.nextStep.signInStep };
  },
  session,
  async signOutGlobal() {
    await signOut({ global: true });
    return session();
  },
};

(window as unknown as { cognate: typeof actions }).cognate = actions;
document.body.dataset.ready = 'true';
