import { findPii } from '../pii/redact';
import type { PiiKind } from '../pii/kinds';

/**
 * The named built-in detectors a rule can list under `signals.detectors`. Each returns what it saw
 * as evidence wording: the kind of thing, never the text itself.
 */
export const DETECTOR_NAMES = ['nhs-number', 'email', 'uk-phone', 'date-of-birth', 'question'] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];

/** Detector results are worked out once per interaction and shared by every rule that asks. */
export type DetectorResults = ReadonlyMap<DetectorName, string>;

const PII_EVIDENCE: Readonly<Record<PiiKind, string>> = {
  'nhs-number': 'NHS number (valid Modulus 11)',
  email: 'email address',
  'uk-phone': 'UK phone number',
  'date-of-birth': 'date of birth',
};

export function runDetectors(text: string): DetectorResults {
  const results = new Map<DetectorName, string>();
  for (const { kind } of findPii(text)) results.set(kind, PII_EVIDENCE[kind]);
  const question = detectQuestion(text);
  if (question) results.set('question', question);
  return results;
}

// Sentence openings that ask something. Deliberately narrow: "What a team!" and "How the staff
// cared for mum…" are not questions.
const WH_WORD = 'how|where|when|what|who|which|why';
const WH_FOLLOWER = 'do|does|did|can|could|should|would|will|is|are|was|were|long|much|many|often|time';
const AUXILIARY = 'can|could|should|would|will|do|does|is|are';
const SUBJECT = 'i|we|you|they|anyone|someone|somebody|there|it|my|the';
const QUESTION_OPENERS = new RegExp(
  String.raw`(?:^|[.!\n]\s*)` +
    String.raw`(?:(?:${WH_WORD})\s+(?:${WH_FOLLOWER})|(?:${AUXILIARY})\s+(?:${SUBJECT})|any\s?one\s+know)` +
    String.raw`(?![\p{L}\p{N}])`,
  'iu',
);

/** A question mark outside a link, or a sentence that opens like a question ("how do I …"). */
function detectQuestion(text: string): string | undefined {
  const withoutLinks = text.replace(/\bhttps?:\/\/\S+/giu, ' ');
  if (withoutLinks.includes('?')) return 'question mark';
  if (QUESTION_OPENERS.test(withoutLinks)) return 'question wording';
  return undefined;
}
