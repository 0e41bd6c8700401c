/**
 * `npm run incident -- <on|off|status>`: switches major-incident mode on a running `npm start`, through
 * the ops API with a dev token of local/config.json (default `local-dev-token`, the comms lead: only
 * the comms-leads group may switch it).
 *   on --name "Power outage at the General" [--holding-line "..."] [--reason "..."] [--spike <SpikeDetected id>]
 *   off [--reason "..."]
 *   status
 *   --token <dev token>   another dev token (e.g. local-officer-token, to see the 403)
 * Without --holding-line the matrix's `incidentMode.holdingLine` is used.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { connect, localApiUrl } from './client';
import { PATHS } from './paths';
import type { IncidentMode } from '../functions/core/incidents/incident-mode';
import { loadOrgConfig } from '../infra/org-config';

export const DEFAULT_TOKEN = 'local-dev-token';

export type IncidentCommand =
  | { command: 'on'; token: string; body: { name: string; holdingLine?: string; reason?: string; spikeId?: string } }
  | { command: 'off'; token: string; body: { reason?: string } }
  | { command: 'status'; token: string };

/** What the ops API answers: the core's record of an incident. */
type Incident = IncidentMode;

const USAGE = [
  'usage: npm run incident -- on --name "<name>" [--holding-line "<text>"] [--reason "<why>"] [--spike <id>]',
  '       npm run incident -- off [--reason "<why>"]',
  '       npm run incident -- status',
  '       (any of them: --token <dev token>; default local-dev-token, the comms lead)',
].join('\n');

const FLAGS: Record<IncidentCommand['command'], readonly string[]> = {
  on: ['--name', '--holding-line', '--reason', '--spike', '--token'],
  off: ['--reason', '--token'],
  status: ['--token'],
};

/** Reads `<command> --flag value | --flag=value ...`; a missing value, an unknown flag or command is an error naming it. */
export function parseIncidentArguments(argv: readonly string[]): IncidentCommand {
  const [command, ...rest] = argv;
  if (command !== 'on' && command !== 'off' && command !== 'status') {
    throw new Error(`${command === undefined ? 'no command' : `unknown command "${command}"`}\n${USAGE}`);
  }
  const values = new Map<string, string>();
  for (let index = 0; index < rest.length; index += 1) {
    const arg = rest[index]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!FLAGS[command].includes(flag)) throw new Error(`"${arg}" is not an option of "${command}"\n${USAGE}`);
    const value = inline ?? rest[++index];
    if (value === undefined || (inline === undefined && value.startsWith('--')) || value.trim() === '') throw new Error(`${flag} needs a value`);
    values.set(flag, value);
  }
  const token = values.get('--token') ?? DEFAULT_TOKEN;
  const optional = (flag: string, key: string) => (values.has(flag) ? { [key]: values.get(flag)! } : {});
  switch (command) {
    case 'on': {
      const name = values.get('--name');
      if (name === undefined) throw new Error(`on needs --name "<what the incident is called>"\n${USAGE}`);
      return { command, token, body: { name, ...optional('--holding-line', 'holdingLine'), ...optional('--reason', 'reason'), ...optional('--spike', 'spikeId') } };
    }
    case 'off':
      return { command, token, body: optional('--reason', 'reason') };
    case 'status':
      return { command, token };
  }
}

/** A time as the trust reads it: wall-clock time in its zone (config/org.yaml `timeZone`), e.g. "Thu 26 Nov 14:05". */
export function localTime(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone).setLocale('en-GB').toFormat('ccc d LLL HH:mm');
}

/** An incident in a few lines, for the terminal; times in the trust's zone. */
export function describeIncident(incident: Incident, timeZone: string, indent = '  '): string {
  const lines = [
    `${incident.name} (${incident.id})`,
    `${indent}on since ${localTime(incident.startedAt, timeZone)} by ${incident.startedBy}${incident.reason ? `: ${incident.reason}` : ''}`,
    ...(incident.endedAt ? [`${indent}off since ${localTime(incident.endedAt, timeZone)} by ${incident.endedBy ?? '?'}${incident.endReason ? `: ${incident.endReason}` : ''}`] : []),
    ...(incident.spikeId ? [`${indent}suggested by spike ${incident.spikeId}`] : []),
    `${indent}holding line: "${incident.holdingLine}"`,
  ];
  return lines.join('\n');
}

async function call(apiUrl: string, method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  // One key for the request and its one retry: a switch-on whose answer was lost (a dropped connection)
  // is sent again with the same key, and the API answers with the incident it started, not a second one.
  const idempotencyKey = method === 'POST' ? `cli-${randomUUID()}` : undefined;
  const send = () =>
    fetch(`${apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const response = await send().catch(() => send());
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function refusal(status: number, json: Record<string, unknown>): Error {
  const fields = Array.isArray(json.fields) ? ` (fields: ${json.fields.join(', ')})` : '';
  const hint =
    status === 401
      ? ' — that token is not in local/config.json'
      : status === 403
        ? ' — only the comms-leads group may switch it (local-dev-token is in it)'
        : '';
  return new Error(`${status} ${String(json.error ?? '')}: ${String(json.message ?? '')}${fields}${hint}`);
}

/** What `status` prints: the incident in force, then the ended ones (the API's `recent` never holds the one in force). */
export function describeStatus(current: Incident | null, recent: readonly Incident[], timeZone: string): string {
  return [
    current ? `Major-incident mode is ON: ${describeIncident(current, timeZone)}` : 'Major-incident mode is off.',
    recent.length > 0
      ? `Ended incidents (last 90 days):\n${recent.map((incident) => `- ${describeIncident(incident, timeZone, '    ')}`).join('\n')}`
      : 'No ended incidents in the last 90 days.',
    '',
  ].join('\n');
}

/** What `on` and `off` print: the incident, and that decisions change within 30 seconds (the matrix caches the mode). */
export function switchedMessage(switched: 'on' | 'off', incident: Incident, timeZone: string): string {
  return switched === 'on'
    ? `Major-incident mode is ON: ${describeIncident(incident, timeZone)}\nNew decisions use the holding line and the incident SLA targets within 30 seconds.\n`
    : `Major-incident mode is OFF: ${describeIncident(incident, timeZone)}\nNew decisions go back to the matrix's usual replies and SLA targets within 30 seconds.\n`;
}

export async function runIncidentCommand(args: IncidentCommand, apiUrl: string, timeZone: string): Promise<string> {
  switch (args.command) {
    case 'on': {
      const { status, json } = await call(apiUrl, 'POST', '/incident', args.token, args.body);
      if (status !== 201) throw refusal(status, json);
      return switchedMessage('on', json as unknown as Incident, timeZone);
    }
    case 'off': {
      const { status, json } = await call(apiUrl, 'POST', '/incident/end', args.token, args.body);
      if (status !== 200) throw refusal(status, json);
      return switchedMessage('off', json as unknown as Incident, timeZone);
    }
    case 'status': {
      const { status, json } = await call(apiUrl, 'GET', '/incident', args.token);
      if (status !== 200) throw refusal(status, json);
      return describeStatus(json.current as Incident | null, json.recent as Incident[], timeZone);
    }
  }
}

async function main(): Promise<void> {
  const args = parseIncidentArguments(process.argv.slice(2));
  const apiUrl = localApiUrl();
  await connect(apiUrl);
  process.stdout.write(await runIncidentCommand(args, apiUrl, loadOrgConfig(PATHS.orgConfig).timeZone));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`incident: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
