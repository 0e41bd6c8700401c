import type { Finding } from './finding';

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
export function detectQuestion(text: string): Finding[] {
  const withoutLinks = text.replace(/\bhttps?:\/\/\S+/giu, ' ');
  if (withoutLinks.includes('?')) return [{ evidence: 'question mark', spanKind: 'punctuation' }];
  if (QUESTION_OPENERS.test(withoutLinks)) return [{ evidence: 'question wording', spanKind: 'question-phrasing' }];
  return [];
}
