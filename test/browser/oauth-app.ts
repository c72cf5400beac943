/**
 * A tiny web app for the managed-login browser test: Amplify v6 Auth with `loginWith.oauth` pointing at a
 * Cognate user pool domain over TLS (`{prefix}.auth.localhost`). Settings come from /config.js (written
 * by the test, since the OAuth callback keeps no query string of ours); actions are exposed to the driver.
 */
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, getCurrentUser, signInWithRedirect, signOut } from 'aws-amplify/auth';
import 'aws-amplify/auth/enable-oauth-listener';

interface AppConfig {
  pool: string;
  client: string;
  endpoint: string;
  domain: string;
  app: string;
}
const cfg = (window as unknown as { COGNATE_CONFIG: AppConfig }).COGNATE_CONFIG;

Amplify.configure({
  Auth: {
    Cognito: {
      userPoolId: cfg.pool,
      userPoolClientId: cfg.client,
      userPoolEndpoint: cfg.endpoint,
      loginWith: {
        oauth: {
          domain: cfg.domain,
          scopes: ['openid', 'email', 'aws.cognito.signin.user.admin'],
          redirectSignIn: [cfg.app],
          redirectSignOut: [cfg.app],
          responseType: 'code',
        },
      },
    },
  },
});

const actions = {
  signIn: () => signInWithRedirect(),
  async session() {
    const s = await fetchAuthSession();
    return { accessToken: s.tokens?.accessToken?.toString(), idToken: s.tokens?.idToken?.toString() };
  },
  async user() {
    try {
      return (await getCurrentUser()).username;
    } catch {
      return null;
    }
  },
  refreshToken() {
    const key = Object.keys(localStorage).find((k) => k.endsWith('.refreshToken'));
    return key ? localStorage.getItem(key) : null;
  },
  signOut: () => signOut(),
};

(window as unknown as { cognate: typeof actions }).cognate = actions;
document.body.dataset.ready = 'true';
