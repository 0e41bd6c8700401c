/**
 * aws-ses-v2-local on loopback: SESv2 SendEmail lands in an in-memory store, shown at `/` (web page)
 * and `GET /store` (JSON). Its store is per process and is lost on restart.
 */
import sesLocal from 'aws-ses-v2-local';
import { closeServer, LOOPBACK, urlOf } from './http-util';

export interface LocalSes {
  url: string;
  close(): Promise<void>;
}

export async function startSes(options: { port?: number } = {}): Promise<LocalSes> {
  const server = await sesLocal({ host: LOOPBACK, port: options.port ?? 0 });
  return { url: urlOf(server), close: () => closeServer(server) };
}

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** Emails in the local SES store (the same data the web page shows). */
export async function listEmails(sesUrl: string): Promise<StoredEmail[]> {
  const response = await fetch(`${sesUrl}/store`);
  if (!response.ok) throw new Error(`local SES store answered ${response.status}`);
  return ((await response.json()) as { emails: StoredEmail[] }).emails;
}
