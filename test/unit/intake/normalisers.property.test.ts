/**
 * Property tests of every platform normaliser (fast-check): arbitrary JSON, and real corpus payloads
 * mutated at random (fields deleted, retyped, replaced by arbitrary values). Whatever comes in:
 * - a normaliser never crashes: it returns, or refuses the envelope with UnprocessablePayloadError
 *   (which intake turns into a quarantined delivery);
 * - inside a recognisable envelope, odd shapes are reported (`ignored`), never thrown;
 * - everything it returns validates against its event's schema;
 * - its ignore reasons (they are logged) never repeat what people wrote.
 */
import fc from 'fast-check';
import { ConnectorHealthChanged, InteractionDeleted, InteractionEdited, InteractionReceived } from '../../../events';
import { opinionToInteraction } from '../../../functions/core/careopinion/opinion';
import { UnprocessablePayloadError } from '../../../functions/core/webhooks/errors';
import { normaliseLinkedIn } from '../../../functions/core/webhooks/linkedin';
import { normaliseMeta } from '../../../functions/core/webhooks/meta-delivery';
import { addItem, emptyDelivery, type NormalisedDelivery } from '../../../functions/core/webhooks/normalised';
import { normaliseThreads } from '../../../functions/core/webhooks/threads';
import { normaliseTikTok } from '../../../functions/core/webhooks/tiktok';
import { normaliseX } from '../../../functions/core/webhooks/x';
import { decodeAtom, normaliseYouTube } from '../../../functions/core/webhooks/youtube';
import { corpusBytes, corpusJson, WEBHOOK_CORPUS } from '../../support/shared-corpus';
import { readdirSync } from 'node:fs';

const RECEIVED_AT = '2026-11-24T10:15:01.512Z';
const RUNS = { numRuns: 250 };
/** Words someone might write: put into payloads, they must never come back in a reason. */
const MARKER = 'Jo Bloggs, 07700 900123';

type Normaliser = (payload: unknown, receivedAt: string) => NormalisedDelivery;

const corpus = (prefix: string): unknown[] =>
  readdirSync(WEBHOOK_CORPUS)
    .filter((file) => file.startsWith(prefix) && file.endsWith('.json'))
    .map((file) => corpusJson(file));
const linkedInBatch = { type: 'ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS', notifications: [corpusJson('linkedin-social-action-notification-comment-element.json')] };

const PLATFORMS: Array<{ name: string; normalise: Normaliser; samples: unknown[] }> = [
  { name: 'Meta (Page, Messenger, Instagram)', normalise: normaliseMeta, samples: [...corpus('facebook-'), ...corpus('messenger-'), ...corpus('instagram-')] },
  { name: 'Threads', normalise: normaliseThreads, samples: corpus('threads-') },
  { name: 'X', normalise: normaliseX, samples: corpus('x-') },
  { name: 'LinkedIn', normalise: normaliseLinkedIn, samples: [linkedInBatch] },
  { name: 'TikTok', normalise: normaliseTikTok, samples: corpus('tiktok-') },
  { name: 'YouTube', normalise: normaliseYouTube, samples: [decodeAtom(corpusBytes('youtube-websub-video-notification.xml'))] },
];

// ---- mutation of real payloads ---------------------------------------------------------------------

type Path = Array<string | number>;

function paths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const children = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return [prefix, ...children.flatMap((key) => paths((value as Record<string | number, unknown>)[key], [...prefix, key]))];
}

const mutationArb = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('delete', 'replace', 'stringify', 'numberify', 'null', 'wrap', 'huge', 'marker', 'number'),
  value: fc.jsonValue({ maxDepth: 2 }),
  // Numbers where ids and timestamps live: past the year 9999 as seconds or ms, negative, fractional, unsafe.
  number: fc.oneof(
    fc.constantFrom(5e12, 2.6e14, 1e11, 99_999_999_999, -1, 0, 0.5, 2 ** 53 + 2),
    fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
    fc.double({ noNaN: false }),
  ),
});

const TIME_OR_ID = /(time|timestamp|date|_at|At|_ms|created|^id$|_id$|Id$|mid)/;

function mutate(sample: unknown, mutations: Array<{ at: number; kind: string; value: unknown; number: number }>): unknown {
  let doc = structuredClone(sample);
  for (const mutation of mutations) {
    const all = paths(doc);
    // Odd numbers go where ids and times live, so they reach the code that reads them.
    const targets = mutation.kind === 'number' ? all.filter((path) => TIME_OR_ID.test(String(path[path.length - 1] ?? ''))) : all;
    const candidates = targets.length > 0 ? targets : all;
    const path = candidates[mutation.at % candidates.length]!;
    const replace = (current: unknown): unknown => {
      switch (mutation.kind) {
        case 'replace':
          return mutation.value;
        case 'stringify':
          return typeof current === 'number' ? String(current) : JSON.stringify(current);
        case 'numberify':
          return typeof current === 'string' && /^\d+$/.test(current) ? Number(current) : 12345678901234567890;
        case 'null':
          return null;
        case 'wrap':
          return [current];
        case 'huge':
          return 1e300;
        case 'marker':
          return MARKER;
        case 'number':
          return mutation.number;
        default:
          return undefined;
      }
    };
    if (path.length === 0) {
      doc = mutation.kind === 'delete' ? {} : replace(doc);
      continue;
    }
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], doc) as Record<string | number, unknown>;
    const key = path[path.length - 1]!;
    if (mutation.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else {
      parent[key] = replace(parent[key]);
    }
  }
  return doc;
}

/** Every string in the payload replaced by the marker: real shapes, someone's words everywhere. */
function withMarker(value: unknown): unknown {
  if (typeof value === 'string') return MARKER;
  if (Array.isArray(value)) return value.map(withMarker);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withMarker(inner)]));
  return value;
}

// ---- the properties --------------------------------------------------------------------------------

/** Runs a normaliser; a refusal must be UnprocessablePayloadError. Returns the delivery, or undefined if refused. */
function run(normalise: Normaliser, payload: unknown): NormalisedDelivery | undefined {
  try {
    return normalise(payload, RECEIVED_AT);
  } catch (error) {
    if (error instanceof UnprocessablePayloadError) return undefined;
    throw error;
  }
}

function expectValid(delivery: NormalisedDelivery): void {
  for (const [items, contract] of [
    [delivery.interactions, InteractionReceived],
    [delivery.edits, InteractionEdited],
    [delivery.deletions, InteractionDeleted],
    [delivery.health, ConnectorHealthChanged],
  ] as const) {
    for (const item of items) {
      const result = contract.dataSchema.safeParse(item);
      if (!result.success) throw new Error(`${contract.detailType} does not validate: ${JSON.stringify(result.error.issues)} in ${JSON.stringify(item)}`);
    }
  }
  for (const { reason } of delivery.ignored) {
    expect(typeof reason).toBe('string');
    expect(reason).not.toContain(MARKER);
  }
}

describe.each(PLATFORMS.map((platform) => [platform.name, platform] as const))('%s normaliser', (_name, { normalise, samples }) => {
  it('never crashes on arbitrary JSON, and what it returns validates', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (payload) => {
        const delivery = run(normalise, payload);
        if (delivery) expectValid(delivery);
      }),
      RUNS,
    );
  });

  it('never crashes on mutated real payloads, and what it returns validates', () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (sample, mutations) => {
        const delivery = run(normalise, mutate(sample, mutations));
        if (delivery) expectValid(delivery);
      }),
      RUNS,
    );
  });

  it('never repeats what people wrote in its reasons', () => {
    for (const sample of samples) {
      const delivery = run(normalise, withMarker(sample));
      if (delivery) expectValid(delivery);
    }
  });
});

describe('odd shapes inside a recognisable envelope are reported, never thrown', () => {
  const item = fc.jsonValue({ maxDepth: 3 });
  const cases: Array<[string, Normaliser, fc.Arbitrary<unknown>]> = [
    ['a Page envelope', normaliseMeta, fc.record({ object: fc.constant('page'), entry: fc.array(item) })],
    ['an Instagram envelope', normaliseMeta, fc.record({ object: fc.constant('instagram'), entry: fc.array(item) })],
    [
      'Page entries with odd changes and messaging',
      normaliseMeta,
      fc.record({ object: fc.constant('page'), entry: fc.array(fc.record({ id: item, time: item, changes: item, messaging: item, standby: item }, { requiredKeys: [] })) }),
    ],
    ['a Threads envelope', normaliseThreads, fc.record({ target_id: item, time: item, values: fc.oneof(fc.dictionary(fc.string(), item), fc.array(item)) })],
    ['an X Activity event', normaliseX, fc.record({ data: fc.record({ event_type: fc.oneof(fc.constantFrom('post.mention.create', 'post.reply.create', 'dm.received', 'dm.sent', 'post.delete', 'oauth.revoke', 'post.create'), fc.string()), filter: item, payload: item, includes: item }) })],
    ['an X Account Activity payload', normaliseX, fc.record({ for_user_id: item, tweet_create_events: item, direct_message_events: item, tweet_delete_events: item, users: item, user_event: item }, { requiredKeys: ['for_user_id'] })],
    ['a LinkedIn batch', normaliseLinkedIn, fc.record({ notifications: fc.array(item) })],
    ['a TikTok event', normaliseTikTok, fc.record({ event: fc.string(), create_time: item, user_openid: item, content: item })],
  ];

  it.each(cases)('%s', (_name, normalise, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (payload) => {
        expectValid(normalise(payload, RECEIVED_AT));
      }),
      RUNS,
    );
  });
});

describe('YouTube Atom bodies', () => {
  const xml = corpusBytes('youtube-websub-video-notification.xml').toString('utf8');

  it('never crashes on arbitrary or damaged XML', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.string()).map(([at, cut, insert]) => xml.slice(0, at % xml.length) + insert + xml.slice((at % xml.length) + cut))), (text) => {
        const delivery = run((payload) => normaliseYouTube(payload, RECEIVED_AT), (() => {
          try {
            return decodeAtom(Buffer.from(text));
          } catch (error) {
            if (error instanceof UnprocessablePayloadError) return undefined;
            throw error;
          }
        })());
        if (delivery) expectValid(delivery);
      }),
      RUNS,
    );
  });
});

describe('Care Opinion opinions', () => {
  const opinion = fc.record(
    {
      id: fc.oneof(fc.integer(), fc.string(), fc.jsonValue()),
      title: fc.oneof(fc.string(), fc.jsonValue()),
      body: fc.oneof(fc.string(), fc.jsonValue()),
      dateOfPublication: fc.oneof(fc.date({ noInvalidDate: false }).map((date) => (Number.isNaN(date.getTime()) ? 'not a date' : date.toISOString())), fc.string(), fc.jsonValue()),
      authorRole: fc.oneof(fc.string(), fc.jsonValue()),
      links: fc.jsonValue(),
    },
    { requiredKeys: [] },
  );

  it('never crashes on odd opinions, and what it returns validates', () => {
    fc.assert(
      fc.property(fc.oneof(opinion, fc.jsonValue()), (value) => {
        const delivery = emptyDelivery();
        addItem(delivery, opinionToInteraction(value, { accountId: 'subscription', receivedAt: RECEIVED_AT }));
        expectValid(delivery);
      }),
      RUNS,
    );
  });
});
