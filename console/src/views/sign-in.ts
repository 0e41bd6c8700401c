import { startCognitoSignIn, tokenStore } from '../auth';
import type { ConsoleConfig } from '../config';
import { h, replaceChildren } from '../dom';
import { button, clearFieldErrors, markFieldError, showErrorSummary, textField } from '../forms';

/**
 * Sign in. Locally: a dev token from local/config.json, checked against the API before it is kept.
 * In AWS: the stack's Cognito hosted login. Nothing else of the console shows until then.
 */
export function renderSignIn(ctx: { main: HTMLElement; config: ConsoleConfig; setTitle(page: string): void; signedIn(): void }): void {
  const { main, config } = ctx;
  ctx.setTitle('Sign in');
  const errors = h('div', {});
  if (config.auth.kind === 'cognito') {
    const auth = config.auth;
    replaceChildren(main,
      errors,
      h('h1', { tabindex: '-1' }, 'Sign in to the triage console'),
      h('p', {}, 'Comms officers sign in with their NHS trust account to work the social media queue.'),
      h('button', { class: 'nhsuk-button', type: 'button', 'data-module': 'nhsuk-button', onclick: () => void startCognitoSignIn(auth) }, 'Sign in'));
    return;
  }
  const form = h('form', { novalidate: true, id: 'sign-in-form' },
    textField('dev-token', 'Dev token', {
      type: 'password',
      hint: 'Running locally: a token from local/config.json, for example local-dev-token. Tokens work only on this computer.',
      width: '20',
    }),
    button('Sign in'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });
  replaceChildren(main, errors, h('h1', { tabindex: '-1' }, 'Sign in to the triage console'), form);

  async function submit(): Promise<void> {
    clearFieldErrors(form);
    errors.replaceChildren();
    const token = (document.getElementById('dev-token') as HTMLInputElement).value.trim();
    const problem = token === '' ? 'Enter a dev token' : await refusal(token);
    if (problem) {
      markFieldError('dev-token', problem);
      showErrorSummary(errors, [{ fieldId: 'dev-token', message: problem }]);
      document.title = `Error: ${document.title.replace(/^Error: /u, '')}`;
      return;
    }
    tokenStore.set(token);
    ctx.signedIn();
  }

  /** Why the token cannot be used, or undefined when the API accepts it. Only 401 and 403 mean the token is wrong. */
  async function refusal(token: string): Promise<string | undefined> {
    let response: Response;
    try {
      response = await fetch(`${config.apiUrl}/interactions?limit=1`, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
    } catch {
      return 'The token could not be checked: the service did not answer. Check the connection and try again';
    }
    if (response.ok) return undefined;
    if (response.status === 401 || response.status === 403) return 'Enter a dev token listed in local/config.json: that token was not accepted';
    return `The token could not be checked: the service answered HTTP ${response.status}. Try again`;
  }
}
