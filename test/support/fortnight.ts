import { DateTime } from 'luxon';
import type { Channel, Interaction, Platform } from '../../events';

/**
 * A deterministic synthetic fortnight of inbound interactions (InteractionReceived `data`) for the spike
 * detector's and the digest's proof tests. The same options always give the same interactions.
 *
 * The ordinary pattern: a daytime peak (busiest around midday), quiet nights, quieter weekends and a
 * busier Monday morning, on everyday topics (thanks, parking, waits, appointments, visiting).
 * Planted on top of it, in week 2:
 * - a SPIKE: a burst about one topic (the hospital's IT systems down: appointments cancelled, the
 *   switchboard not answering) on the Wednesday afternoon;
 * - a MISINFORMATION WAVE about the default matrix's example programme (Hospital services
 *   reconfiguration 2027): "A&E is closing" and the like, on the Thursday morning;
 * - the trust's own posts (ownAccount) carrying the programme's key messages, twice each working day.
 * Every planted time is exported in `planted` so tests can assert against it.
 */
export interface FortnightOptions {
  /** First day (a local date in `timeZone`, ideally a Monday): the fortnight is this day and the 13 after it. */
  start?: string;
  seed?: number;
  timeZone?: string;
  /** Multiplies the ordinary volume (1: about 160 inbound a working day). */
  volume?: number;
}

export interface PlantedBurst {
  /** UTC instants: the burst's first and last posts fall in [start, end). */
  start: string;
  end: string;
  /** Ids of the planted interactions. */
  ids: string[];
  /** Words every planted post in the burst repeats: what its top terms should show. */
  words: string[];
}

export interface Fortnight {
  /** Local dates: the first day and the day after the last. */
  startDate: string;
  endDate: string;
  timeZone: string;
  /** UTC instants bounding the fortnight: [from, to). */
  from: string;
  to: string;
  /** Every interaction, oldest first (inbound and the trust's own posts). */
  interactions: Interaction[];
  planted: {
    spike: PlantedBurst;
    misinformationWave: PlantedBurst & {
      /** The example programme's id in config/response-matrix.yaml. */
      programmeId: string;
    };
    /** The trust's own posts carrying the programme's key messages. */
    ownPosts: { ids: string[] };
  };
}

/** The example programme the default matrix ships with (config/response-matrix.yaml `programmes`). */
export const EXAMPLE_PROGRAMME_ID = 'services-reconfiguration-2027';

const PLATFORMS: readonly Platform[] = ['facebook', 'x', 'instagram', 'facebook', 'x', 'threads', 'tiktok', 'youtube'];
const CHANNELS: readonly Channel[] = ['public_comment', 'mention', 'reply', 'public_comment', 'direct_message'];

/** Inbound interactions expected per local hour on a working day (index = hour). */
const WEEKDAY_HOURLY = [0.4, 0.3, 0.2, 0.2, 0.3, 0.5, 1.5, 3, 6, 10, 12, 13, 14, 14, 13, 12, 11, 9, 8, 7, 6, 5, 3, 1];
const WEEKEND_FACTOR = 0.55;
/** Monday 08:00–11:59 is busier: the weekend's questions arrive. */
const MONDAY_MORNING_FACTOR = 1.5;

const WARDS = ['Ward 7', 'Ward 12', 'the maternity ward', 'the children\'s ward', 'Ward 3', 'the stroke unit'];
const SITES = ['the General', 'St Mary\'s', 'the Royal', 'the community hospital'];
const CLINICS = ['fracture', 'diabetes', 'eye', 'blood test', 'physio', 'antenatal'];
const ADJECTIVES = ['brilliant', 'so kind', 'amazing', 'wonderful', 'really caring', 'fantastic'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Pick = <T>(items: readonly T[]) => T;

/** Everyday posts: none makes a misinformation claim or names the programme. */
const ORDINARY: ReadonlyArray<(pick: Pick) => string> = [
  (p) => `Thank you to the staff on ${p(WARDS)}, they were ${p(ADJECTIVES)} with my mum this week.`,
  (p) => `What are the visiting hours on ${p(WARDS)} at ${p(SITES)}?`,
  (p) => `Parking at ${p(SITES)} was a nightmare today, took ages to find a space.`,
  (p) => `Waited ${p(['four', 'five', 'six'])} hours in A&E last night and nobody told us anything. Not impressed.`,
  (p) => `How do I change my outpatient appointment? The letter says ${p(DAYS)} but I am working.`,
  (p) => `Is the ${p(CLINICS)} clinic running on ${p(DAYS)}?`,
  (p) => `Great care from the midwives at ${p(SITES)}, thank you all.`,
  (p) => `The food on ${p(WARDS)} was cold again. Could someone look into it?`,
  (p) => `Does anyone know if the cafe at ${p(SITES)} is open at weekends?`,
  (p) => `Lovely nurses in the ${p(CLINICS)} clinic today, made my son feel at ease.`,
  (p) => `Where do I park for the ${p(CLINICS)} clinic at ${p(SITES)}?`,
  (p) => `Still waiting for a letter about my ${p(CLINICS)} appointment, who should I ring?`,
  () => 'Well done everyone at the hospital, you do an incredible job.',
  (p) => `Can I bring flowers when visiting ${p(WARDS)}?`,
];

/** The planted spike: one topic, many voices. */
const SPIKE_WORDS = ['systems', 'switchboard', 'appointments'];
const SPIKE_TEXTS: ReadonlyArray<(pick: Pick) => string> = [
  (p) => `The hospital systems are down, my ${p(CLINICS)} appointments were cancelled and the switchboard is not answering.`,
  () => 'Hospital systems down again? Switchboard rings out and appointments cancelled at the desk.',
  (p) => `Turned up at ${p(SITES)} and the systems are down, appointments cancelled, switchboard no help.`,
  () => 'Why are the hospital systems down? Nobody on the switchboard and my appointments cancelled.',
];

/**
 * The planted misinformation wave. It uses the example programme's hashtag, its keywords and the claim
 * phrases of its "A&E is closing" claim in config/response-matrix.yaml.
 */
const WAVE_WORDS = ['closing', 'ourfuturehospitals'];
const WAVE_TEXTS: ReadonlyArray<(pick: Pick) => string> = [
  (p) => `They are closing A&E at ${p(SITES)}! Share before it is too late #OurFutureHospitals`,
  () => 'A&E is closing next year under the hospital reconfiguration. Disgraceful. #OurFutureHospitals',
  (p) => `Heard A&E is closing at ${p(SITES)}, where are we meant to go? #OurFutureHospitals`,
  () => 'So the reconfiguration means A&E is closing for good. Nobody asked us #OurFutureHospitals',
];

/** The trust's own posts: the programme's key messages. */
const OWN_POSTS: readonly string[] = [
  'Our A&E is staying open. The reconfiguration brings specialist stroke care that saves lives. #OurFutureHospitals',
  'Specialist stroke care saves lives: read how the hospital services reconfiguration will work #OurFutureHospitals',
  'Flu jabs are available at our pharmacy this week, no appointment needed.',
];

export function syntheticFortnight(options: FortnightOptions = {}): Fortnight {
  const timeZone = options.timeZone ?? 'Europe/London';
  const first = DateTime.fromISO(options.start ?? '2026-11-09', { zone: timeZone }).startOf('day');
  if (!first.isValid) throw new RangeError(`start "${options.start}" is not a date`);
  const random = mulberry32(options.seed ?? 20261109);
  const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
  const volume = options.volume ?? 1;

  const interactions: Interaction[] = [];
  let sequence = 0;
  const add = (at: DateTime, text: string, kind: 'public' | 'own'): string => {
    sequence += 1;
    const platform = kind === 'own' ? 'facebook' : pick(PLATFORMS);
    const nativeId = `fortnight-${String(sequence).padStart(5, '0')}`;
    const receivedAt = at.toUTC().toISO()!;
    interactions.push({
      id: `${platform}:${nativeId}`,
      platform,
      channel: kind === 'own' ? 'public_post' : pick(CHANNELS),
      nativeId,
      accountId: 'trust-account',
      author: kind === 'own' ? { id: 'trust-account', displayName: 'The Trust' } : { id: `person-${Math.floor(random() * 900) + 100}` },
      text,
      occurredAt: at.minus({ seconds: 3 }).toUTC().toISO()!,
      receivedAt,
      mediaKinds: [],
      flags: { edited: false, deleted: false, ownAccount: kind === 'own', needsEnrichment: false, private: false },
    });
    return `${platform}:${nativeId}`;
  };

  // The ordinary pattern, hour by hour.
  for (let day = 0; day < 14; day += 1) {
    const date = first.plus({ days: day });
    const weekend = date.weekday >= 6;
    for (let hour = 0; hour < 24; hour += 1) {
      let rate = WEEKDAY_HOURLY[hour]! * volume * (weekend ? WEEKEND_FACTOR : 1);
      if (date.weekday === 1 && hour >= 8 && hour < 12) rate *= MONDAY_MORNING_FACTOR;
      const count = poisson(rate, random);
      for (let i = 0; i < count; i += 1) {
        add(date.set({ hour, minute: 0 }).plus({ seconds: Math.floor(random() * 3600) }), pick(ORDINARY)(pick), 'public');
      }
    }
  }

  // The trust's own posts on working days.
  const ownIds: string[] = [];
  for (let day = 0; day < 14; day += 1) {
    const date = first.plus({ days: day });
    if (date.weekday >= 6) continue;
    ownIds.push(add(date.set({ hour: 10, minute: 30 }), OWN_POSTS[day % OWN_POSTS.length]!, 'own'));
    ownIds.push(add(date.set({ hour: 15, minute: 0 }), OWN_POSTS[(day + 1) % OWN_POSTS.length]!, 'own'));
  }

  // The spike: week 2, Wednesday 14:00, 110 posts in 45 minutes (most in the first half hour).
  const spikeStart = first.plus({ days: 9 }).set({ hour: 14, minute: 0 });
  const spikeIds: string[] = [];
  for (let i = 0; i < 110; i += 1) {
    const offset = Math.floor(Math.pow(random(), 1.6) * 45 * 60);
    spikeIds.push(add(spikeStart.plus({ seconds: offset }), pick(SPIKE_TEXTS)(pick), 'public'));
  }

  // The misinformation wave: week 2, Thursday 10:00–12:00, building to a peak around 11:00.
  const waveStart = first.plus({ days: 10 }).set({ hour: 10, minute: 0 });
  const waveIds: string[] = [];
  for (let i = 0; i < 60; i += 1) {
    const offset = Math.floor(((random() + random()) / 2) * 120 * 60);
    waveIds.push(add(waveStart.plus({ seconds: offset }), pick(WAVE_TEXTS)(pick), 'public'));
  }

  interactions.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
  return {
    startDate: first.toISODate()!,
    endDate: first.plus({ days: 14 }).toISODate()!,
    timeZone,
    from: first.toUTC().toISO()!,
    to: first.plus({ days: 14 }).toUTC().toISO()!,
    interactions,
    planted: {
      spike: { start: spikeStart.toUTC().toISO()!, end: spikeStart.plus({ minutes: 45 }).toUTC().toISO()!, ids: spikeIds, words: SPIKE_WORDS },
      misinformationWave: {
        start: waveStart.toUTC().toISO()!,
        end: waveStart.plus({ hours: 2 }).toUTC().toISO()!,
        ids: waveIds,
        words: WAVE_WORDS,
        programmeId: EXAMPLE_PROGRAMME_ID,
      },
      ownPosts: { ids: ownIds },
    },
  };
}

/** A small seeded PRNG (mulberry32): enough for test data, identical on every machine. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Knuth's method: fine for the small rates here. */
function poisson(rate: number, random: () => number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }
  return k;
}
