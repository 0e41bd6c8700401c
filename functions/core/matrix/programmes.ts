import type { ProgrammeTag } from '../../../events';
import { claimsMade, type CompiledClaim } from '../detectors/claims';
import type { Finding } from '../detectors/finding';
import { phraseRegex } from './phrase';
import type { Programme } from './schema';
import { localDate } from '../time/local-date';

type ProgrammeClaim = Programme['claims'][number];

/** A change programme ready to run: its topic words, key-message phrases and claims as regexes. */
export interface CompiledProgramme {
  programme: Programme;
  /** Keywords and hashtags: any one marks content about the programme. */
  topics: RegExp[];
  keyMessages: Array<{ id: string; phrases: RegExp[] }>;
  /** The programme's claims, by claim id; `about` defaults to the topics. */
  claims: CompiledClaim[];
}

/**
 * A hashtag as written (#OurFutureHospitals), any case, not inside a longer tag
 * (#OurFutureHospitals2 and #OurFutureHospitals_Plan are other tags).
 */
export function hashtagRegex(tag: string): RegExp {
  const escaped = tag.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  return new RegExp(String.raw`(?<![\p{L}\p{N}_#])${escaped}(?![\p{L}\p{N}_])`, 'giu');
}

export function compileProgrammes(programmes: readonly Programme[]): CompiledProgramme[] {
  return programmes.map((programme) => {
    const topics = [...programme.keywords.map(phraseRegex), ...programme.hashtags.map(hashtagRegex)];
    return {
      programme,
      topics,
      keyMessages: programme.keyMessages.map((message) => ({ id: message.id, phrases: message.phrases.map(phraseRegex) })),
      claims: programme.claims.map((claim) => ({
        id: claim.id,
        about: claim.about ? claim.about.map(phraseRegex) : topics,
        says: claim.says.map(phraseRegex),
      })),
    };
  });
}

/** What one interaction shows about one programme it concerns. */
export interface ProgrammeMatch {
  programme: Programme;
  /** Ids of key messages carried, in the order of the file. */
  keyMessages: string[];
  /** Ids of the programme's claims made, in the order of the file. */
  claims: string[];
}

/** The programme is running on the local date the interaction was received (`to` absent: open-ended). */
export function programmeRunning(programme: Programme, receivedAt: string, timeZone: string): boolean {
  const date = localDate(receivedAt, timeZone);
  if (!date) return false;
  return programme.from <= date && (programme.to === undefined || date <= programme.to);
}

/**
 * The programmes an interaction concerns: received within the programme's period, and its text names a
 * keyword or hashtag, carries a key message, or makes one of the programme's claims (a sentence that
 * names a topic and makes the claim without debunking it, as the misinformation list works).
 */
export function programmesConcerned(
  text: string,
  context: { receivedAt: string; timeZone: string; programmes: readonly CompiledProgramme[]; debunking: readonly RegExp[] },
): ProgrammeMatch[] {
  return context.programmes.flatMap((compiled) => {
    if (!programmeRunning(compiled.programme, context.receivedAt, context.timeZone)) return [];
    const named = compiled.topics.some((regex) => found(regex, text));
    const keyMessages = compiled.keyMessages.filter((message) => message.phrases.some((regex) => found(regex, text))).map((m) => m.id);
    const claims = claimsMade(text, compiled.claims, context.debunking);
    if (!named && keyMessages.length === 0 && claims.length === 0) return [];
    return [{ programme: compiled.programme, keyMessages, claims }];
  });
}

/** The tags recorded on the assessment: ids only. */
export function programmeTags(matches: readonly ProgrammeMatch[]): ProgrammeTag[] {
  return matches.map((match) => ({ id: match.programme.id, keyMessages: match.keyMessages, claims: match.claims }));
}

/**
 * Programme claims as misinformation-claim findings, so the misinformation rule fires on them. The evidence
 * names the claim as people say it, with its programme (`programme claim: "A&E is closing" (Hospital
 * services reconfiguration 2027)`); a claim without a `name` is named by its ids.
 */
export function programmeClaimFindings(matches: readonly ProgrammeMatch[]): Finding[] {
  return matches.flatMap((match) =>
    match.claims.map((id) => {
      const name = match.programme.claims.find((claim) => claim.id === id)?.name;
      const evidence = name ? `programme claim: "${name}" (${match.programme.name})` : `programme claim: ${match.programme.id}/${id}`;
      return { evidence, spanKind: 'claim' };
    }),
  );
}

/** Where a decision of `category` goes: the first programme concerned that routes the category, with its first claim made. */
export function programmeRoute(matches: readonly ProgrammeMatch[], category: string): { programme: Programme; claim?: ProgrammeClaim } | undefined {
  const match = matches.find((m) => m.programme.routes.includes(category));
  if (!match) return undefined;
  const claim = match.programme.claims.find((c) => match.claims.includes(c.id));
  return claim ? { programme: match.programme, claim } : { programme: match.programme };
}

/** The suggested reply for a claim: the correction, then where the facts are published. */
export function correctionReply(claim: ProgrammeClaim): string {
  const correction = claim.correction.trim();
  return `${correction}${/[.!?]$/u.test(correction) ? '' : '.'} ${claim.source}`;
}

// `search` ignores and restores lastIndex, so it is safe on the shared global regex.
function found(regex: RegExp, text: string): boolean {
  return text.search(regex) !== -1;
}
