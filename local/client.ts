/** What the demo and digest scripts need to talk to a running `npm start`. */
export interface LocalHealth {
  urls: { api: string; webhook: string; dynamodb: string; ses: string; eventbridge: string; secretsManager: string };
  region: string;
  tableName: string;
  busName: string;
  dataDir: string | null;
  deadLetterDir: string | null;
}

export function localApiUrl(): string {
  return `http://127.0.0.1:${process.env.PORT || 3000}`;
}

export async function connect(apiUrl = localApiUrl()): Promise<LocalHealth> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}/_local/health`);
  } catch {
    throw new Error(`nothing answers at ${apiUrl}. Start the system first with \`npm start\` (same PORT) and try again.`);
  }
  if (!response.ok) throw new Error(`${apiUrl}/_local/health answered ${response.status}: is this the local runtime?`);
  return (await response.json()) as LocalHealth;
}

/** Waits until every event published so far has been handled (or dead-lettered). */
export async function waitUntilIdle(apiUrl: string): Promise<{ deadLetters: number }> {
  const response = await fetch(`${apiUrl}/_local/idle`);
  const body = (await response.json()) as { idle: boolean; deadLetters?: number; message?: string };
  if (!body.idle) throw new Error(body.message ?? 'the local bus did not settle');
  return { deadLetters: body.deadLetters ?? 0 };
}
