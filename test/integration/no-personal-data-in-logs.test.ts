/**
 * No personal data in logs: messages full of NHS numbers, phone numbers, emails and names go through
 * the whole local pipeline (intake on five platforms, the matrix, escalation emails and pages, the log,
 * a quarantined delivery, dead letters and a redrive) with every logger at INFO, and everything written
 * to stdout, stderr and the console is scanned for them.
 */
import { format } from 'node:util';
import { signedHeaders } from '../../local/platform-signatures';
import { deliveryBatch, readLog, send, startHarness, type Harness } from '../../local/reliability/support';

// Before any handler module is loaded (startLocal preloads them): Powertools reads its level at import.
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';

const NHS_NUMBERS = ['943 476 5919', '401 023 2137', '9876543210'];
const PHONES = ['07700 900123', '+44 20 7946 0958', '0161 496 0000'];
const EMAILS = ['margaret.thornbury@example.com', 'j.okafor@nhs-patient.example.org'];
const NAMES = ['Margaret Thornbury', 'Sarah Okafor', 'Dariusz Wiśniewski'];

const TEXTS = [
  `My NHS number is ${NHS_NUMBERS[0]}, please ring me on ${PHONES[0]}, I am ${NAMES[0]} and nobody has called about my scan`,
  `Nurse ${NAMES[1]} on ward 7 was wonderful. My mum's NHS no. ${NHS_NUMBERS[1]}, email ${EMAILS[0]} if you need her details`,
  `I want to make a formal complaint. ${NAMES[2]}, ${PHONES[1]}, ${EMAILS[1]}, NHS ${NHS_NUMBERS[2]}. I waited 9 hours in A&E`,
  `I can't go on any more, I'm going to end it tonight. This is ${NAMES[0]}, ${PHONES[2]}`,
  `Can someone call me back on ${PHONES[1]}? Appointment letter for ${NAMES[1]} never came, ${EMAILS[0]}`,
];

/** Every way a value could appear in a log line: as written, digits only, JSON-escaped. */
function variants(value: string): string[] {
  const digits = value.replace(/\D/g, '');
  return [value, JSON.stringify(value).slice(1, -1), ...(digits.length >= 10 ? [digits, digits.slice(-10)] : [])];
}
const SECRETS = [...NHS_NUMBERS, ...PHONES, ...EMAILS, ...NAMES, 'Thornbury', 'Okafor', 'Wiśniewski'].flatMap(variants);

let harness: Harness;
const captured: string[] = [];
const restore: Array<() => void> = [];

function capture(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write;
    // Kept, not printed: the test output stays readable; a failure lists what was found.
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = write;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      captured.push(format(...args));
    });
    restore.push(() => spy.mockRestore());
  }
}

beforeAll(async () => {
  capture();
  // The local runtime's own logs too (quiet: false), at INFO.
  harness = await startHarness({ quiet: false, tableInMemory: false });
}, 30_000);

afterAll(async () => {
  await harness?.stop();
  for (const undo of restore.splice(0).reverse()) undo();
});

it('logs nothing personal from messages full of personal data, all the way through', async () => {
  const batch = deliveryBatch(TEXTS.length * 5, '55', TEXTS);
  for (const delivery of batch) expect((await send(harness, delivery)).status).toBe(200);

  // A genuine delivery that is not JSON and holds personal data: quarantined, its reason logged.
  const unreadable = Buffer.from(`NHS number ${NHS_NUMBERS[0]} for ${NAMES[0]}, call ${PHONES[0]}`);
  expect((await send(harness, { path: 'facebook', body: unreadable, text: '' }, signedHeaders('facebook', unreadable, harness.secretOf('facebook')))).status).toBe(200);

  // A forged one: refused, its refusal logged.
  const forged = batch[0]!;
  expect((await send(harness, forged, { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` })).status).toBe(401);
  await harness.system.bus.idle();

  // Failures are logged too: dead letters (the table stopped), then a redrive once it is back.
  await harness.system.dynamodb.stop();
  const during = deliveryBatch(5, '56', TEXTS);
  for (const delivery of during) expect((await send(harness, delivery)).status).toBe(200);
  await harness.system.bus.idle();
  expect(harness.system.bus.deadLetters().length).toBeGreaterThan(0);
  await harness.system.dynamodb.restart();
  expect((await fetch(`${harness.system.urls.api}/_local/redrive`, { method: 'POST' })).status).toBe(200);
  await harness.system.bus.idle();
  expect(harness.system.bus.deadLetters()).toEqual([]);

  const log = captured.join('');
  // The capture really saw the pipeline's INFO lines (handlers through Powertools, the local runtime).
  expect(log).toContain('interaction logged');
  expect(log).toContain('owner notified');
  expect(log).toContain('verified delivery quarantined');
  expect(log).toContain('dead-lettered');
  expect(log).toContain('redriven');
  const found = SECRETS.filter((secret) => log.includes(secret));
  expect(found).toEqual([]);
}, 60_000);

it('stored the same messages redacted (the log test above is not vacuous)', async () => {
  const { interactions } = await readLog(harness);
  const stored = JSON.stringify([...interactions.values()]);
  expect(interactions.size).toBe(TEXTS.length * 6);
  expect(stored).toContain('"category":"pii"');
  for (const nhs of NHS_NUMBERS.slice(0, 2)) expect(stored).not.toContain(nhs);
});
