/**
 * `npm run digest [-- --week 2026-W48] [--resend] [--preview out/]`: has a running `npm start` build the
 * weekly board digest now, through the local-only route `POST /_local/invoke/send-weekly-digest`.
 *   (no flag)        sends it, once per week and recipient list: a second run reports it was sent already
 *   --resend         sends that week again, on purpose
 *   --preview DIR    sends nothing: writes the HTML (with its chart images), the text, the CSV and the
 *                    raw .eml (open it in Outlook or any mail client) to DIR
 * Without --week it digests the current ISO week (so far) in the trust's time zone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { composeMime } from '../functions/adapters/mime-message';
import { loadOrgConfig } from '../infra/org-config';
import { connect, localApiUrl, waitUntilIdle } from './client';
import { PATHS } from './paths';

const FUNCTION_NAME = 'send-weekly-digest';

interface DigestResponse {
  week: string;
  complete: boolean;
  status: 'sent' | 'already-sent' | 'preview';
  messageId?: string;
  itemsRead: number;
  figures: { volume: { inbound: number; ownPosts: number; unassessed: number; lastWeek: number; baseline?: number }; safety: { p0: number; p1: number } };
  preview?: { subject: string; html: string; text: string; csv: string; images: { id: string; filename: string; alt: string; pngBase64: string }[] };
}

export interface DigestArguments {
  week: string;
  resend: boolean;
  preview: string | undefined;
}

function valueOf(argv: readonly string[], flag: string): string | undefined {
  const index = argv.findIndex((arg) => arg === flag || arg.startsWith(`${flag}=`));
  if (index === -1) return undefined;
  return argv[index]!.includes('=') ? argv[index]!.slice(argv[index]!.indexOf('=') + 1) : argv[index + 1];
}

export function parseWeekArgument(argv: readonly string[], now: DateTime, timeZone: string): string {
  const has = argv.some((arg) => arg === '--week' || arg.startsWith('--week='));
  if (!has) return now.setZone(timeZone).toFormat("kkkk-'W'WW");
  const value = valueOf(argv, '--week');
  if (!value || !/^\d{4}-W\d{2}$/.test(value)) throw new Error('--week must look like 2026-W48');
  return value;
}

export function parseDigestArguments(argv: readonly string[], now: DateTime, timeZone: string): DigestArguments {
  const week = parseWeekArgument(argv, now, timeZone);
  const resend = argv.includes('--resend');
  const wantsPreview = argv.some((arg) => arg === '--preview' || arg.startsWith('--preview='));
  const preview = wantsPreview ? valueOf(argv, '--preview') : undefined;
  if (wantsPreview && (!preview || preview.startsWith('--'))) throw new Error('--preview needs a folder, e.g. --preview out/');
  if (resend && preview) throw new Error('--resend and --preview do not go together: a preview sends nothing');
  return { week, resend, preview };
}

/** The preview's files: the HTML points at the PNGs beside it instead of `cid:` parts, so a browser shows it. */
export async function writePreview(dir: string, response: DigestResponse, org: { from: string; to: string[] }): Promise<string[]> {
  const preview = response.preview!;
  mkdirSync(dir, { recursive: true });
  const stem = `digest-${response.week}`;
  const files: Array<[string, string | Buffer]> = [
    [`${stem}.html`, preview.images.reduce((html, image) => html.split(`cid:${image.id}`).join(`${stem}-${image.filename}`), preview.html)],
    [`${stem}.txt`, preview.text],
    [`${stem}.csv`, preview.csv],
    ...preview.images.map((image) => [`${stem}-${image.filename}`, Buffer.from(image.pngBase64, 'base64')] as [string, Buffer]),
  ];
  const attachments = [
    ...preview.images.map((image) => ({ filename: image.filename, contentType: 'image/png', content: Buffer.from(image.pngBase64, 'base64'), contentId: image.id })),
    { filename: `social-media-digest-${response.week}.csv`, contentType: 'text/csv; charset=utf-8', content: Buffer.from(preview.csv) },
  ];
  files.push([`${stem}.eml`, await composeMime({ from: org.from, to: org.to, subject: preview.subject, html: preview.html, text: preview.text, attachments }, { date: new Date() })]);
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
  return files.map(([name]) => join(dir, name));
}

async function main(): Promise<void> {
  const org = loadOrgConfig(PATHS.orgConfig);
  const args = parseDigestArguments(process.argv.slice(2), DateTime.now(), org.timeZone);
  const apiUrl = localApiUrl();
  const health = await connect(apiUrl);
  // Let anything still in flight land in the log first, so the digest counts it.
  await waitUntilIdle(apiUrl);

  const doing = args.preview ? 'Previewing' : args.resend ? 'Re-sending' : 'Sending';
  process.stdout.write(`${doing} the board digest for ${args.week} (${org.timeZone}) through the local system at ${apiUrl}...\n`);
  const response = await fetch(`${apiUrl}/_local/invoke/${FUNCTION_NAME}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ week: args.week, ...(args.resend ? { resend: true } : {}), ...(args.preview ? { preview: true } : {}) }),
  });
  const body = (await response.json()) as { result?: DigestResponse; error?: { name: string; message: string }; message?: string };
  if (!response.ok || !body.result) {
    throw new Error(`${FUNCTION_NAME} failed: ${body.error ? `${body.error.name}: ${body.error.message}` : (body.message ?? response.status)}`);
  }
  const { result } = body;
  const { volume, safety } = result.figures;
  const summary = [
    `Week ${result.week} ${result.complete ? '(complete)' : '(still in progress: figures so far)'}; ${result.itemsRead} log items read.`,
    `  Inbound: ${volume.inbound} (last week ${volume.lastWeek}, 4-week average ${volume.baseline ?? 'n/a'}); own posts ${volume.ownPosts}; not yet assessed ${volume.unassessed}`,
    `  P0: ${safety.p0}, P1: ${safety.p1}`,
  ];
  if (result.status === 'preview') {
    const files = await writePreview(resolve(args.preview!), result, { from: org.digest.from, to: org.digest.recipients });
    process.stdout.write([`Previewed (nothing sent): ${result.preview!.subject}`, ...summary, 'Wrote:', ...files.map((f) => `  ${f}`), ''].join('\n'));
    return;
  }
  process.stdout.write(
    [
      result.status === 'sent'
        ? `Sent. SES message id ${result.messageId}.`
        : `Already sent for this recipient list (SES message id ${result.messageId}): nothing sent now. Add --resend to send it again.`,
      ...summary,
      `  To: ${org.digest.recipients.join(', ')}`,
      `Read it in the local SES inbox: ${health.urls.ses}/`,
      '',
    ].join('\n'),
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`digest failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
