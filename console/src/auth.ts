import type { AuthConfig } from './config';

/**
 * The signed-in person's token, kept in sessionStorage only (gone when the tab closes). Locally it is a
 * dev token from local/config.json; in AWS the Cognito hosted login's ID token, got with the
 * authorization-code flow and PKCE (no client secret in the browser).
 */
const TOKEN_KEY = 'triage-console.token';
const PKCE_KEY = 'triage-console.pkce';

export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(PKCE_KEY);
  },
};

/** The hosted-UI base: config.json may give the domain alone or with its scheme (CDK's `baseUrl()`). */
function hostedUi(auth: Extract<AuthConfig, { kind: 'cognito' }>): string {
  const base = /^https:\/\//u.test(auth.domain) ? auth.domain : `https://${auth.domain}`;
  return base.replace(/\/+$/u, '');
}

function randomString(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/gu, '-').replace(/\//gu, '_').replace(/=+$/u, '');
}

/** Sends the browser to the Cognito hosted login (authorization code with PKCE, S256). */
export async function startCognitoSignIn(auth: Extract<AuthConfig, { kind: 'cognito' }>): Promise<void> {
  const verifier = randomString(48);
  const state = randomString(16);
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const url = new URL(`${hostedUi(auth)}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    scope: (auth.scopes ?? ['openid', 'email', 'profile']).join(' '),
    state,
    code_challenge_method: 'S256',
    code_challenge: challenge,
  }).toString();
  location.assign(url.toString());
}

/**
 * On return from the hosted login (`?code=&state=`): swaps the code for tokens and keeps the ID token
 * (it carries email and cognito:groups, which the ops API records as the actor). True when signed in.
 */
export async function completeCognitoSignIn(auth: Extract<AuthConfig, { kind: 'cognito' }>): Promise<boolean> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return false;
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', `${location.pathname}#/queue`);
  if (!saved || saved.state !== params.get('state')) throw new Error('the sign-in could not be completed (state mismatch): please sign in again');
  const response = await fetch(`${hostedUi(auth)}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: auth.clientId,
      code,
      redirect_uri: auth.redirectUri,
      code_verifier: saved.verifier,
    }).toString(),
  });
  if (!response.ok) throw new Error(`the sign-in could not be completed (HTTP ${response.status}): please sign in again`);
  const tokens = (await response.json()) as { id_token?: string };
  if (!tokens.id_token) throw new Error('the sign-in returned no ID token');
  tokenStore.set(tokens.id_token);
  return true;
}

/** Where the browser goes after signing out: Cognito's logout endpoint (ends the hosted session too) or the sign-in page. */
export function signOutUrl(auth: AuthConfig): string | null {
  if (auth.kind !== 'cognito') return null;
  const url = new URL(`${hostedUi(auth)}/logout`);
  url.search = new URLSearchParams({ client_id: auth.clientId, logout_uri: auth.logoutUri }).toString();
  return url.toString();
}
