/** The runtime settings at /console/config.json: written by `npm start` locally, by the stack in AWS. */
export type AuthConfig =
  | { kind: 'dev' }
  | { kind: 'cognito'; domain: string; clientId: string; redirectUri: string; logoutUri: string; scopes?: string[] };

export interface ConsoleConfig {
  apiUrl: string;
  auth: AuthConfig;
  /** How often the queue and the P0 alert refresh themselves; default 20 s. */
  refreshSeconds?: number;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`the console's settings (config.json) could not be read: HTTP ${response.status}`);
  const value = (await response.json()) as Partial<ConsoleConfig>;
  if (typeof value.apiUrl !== 'string' || !value.auth || (value.auth.kind !== 'dev' && value.auth.kind !== 'cognito')) {
    throw new Error('the console\'s settings (config.json) need "apiUrl" and "auth" ({"kind": "dev"} or {"kind": "cognito", ...})');
  }
  const refreshSeconds = typeof value.refreshSeconds === 'number' && value.refreshSeconds >= 1 ? value.refreshSeconds : undefined;
  return { apiUrl: value.apiUrl.replace(/\/+$/u, ''), auth: value.auth, ...(refreshSeconds ? { refreshSeconds } : {}) };
}
