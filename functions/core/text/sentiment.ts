import Sentiment from 'sentiment';

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface SentimentResult {
  label: SentimentLabel;
  /** AFINN sum: below 0 reads negative, above 0 positive. */
  score: number;
  /** score per word, for comparing messages of different lengths. */
  comparative: number;
}

/**
 * Words that are neutral in a health service's inbox though AFINN scores them as feelings: "this
 * drug can be deadly if overdosed" is information, not a complaint; "cancer", "pain" and "died"
 * describe care, they do not judge it. Emotions stay scored ("scared", "worried", "angry").
 */
const CLINICAL_NEUTRAL = [
  'attack', 'attacks', 'blood', 'bleeding', 'cancer', 'cancers', 'critical', 'cure', 'cured', 'dead', 'deadly',
  'death', 'deaths', 'die', 'died', 'dies', 'disease', 'dying', 'emergency', 'fatal', 'fever', 'ill', 'illness',
  'infection', 'injured', 'injury', 'kill', 'killed', 'kills', 'lose', 'loss', 'lost', 'negative', 'overdose',
  'overdosed', 'pain', 'painful', 'pains', 'positive', 'risk', 'risks', 'sick', 'sickness', 'stroke', 'suffer',
  'suffering', 'surgery', 'tumour', 'tumor', 'virus', 'danger', 'dangerous', 'cut', 'hurt', 'hurts', 'broken',
  'fracture', 'crisis', 'urgent', 'grave', 'passed', 'rip',
] as const;

/** Words of NHS experience that AFINN misses or under-scores, in social-media spelling. */
const NHS_SOCIAL_LEXICON: Readonly<Record<string, number>> = {
  appalling: -3,
  disgraceful: -3,
  disgrace: -3,
  shambles: -3,
  shambolic: -3,
  useless: -3,
  incompetent: -3,
  unacceptable: -3,
  dismissive: -2,
  ignored: -2,
  cancelled: -1,
  canceled: -1,
  rude: -3,
  unprofessional: -3,
  filthy: -3,
  dirty: -2,
  neglected: -3,
  neglect: -3,
  joke: -1,
  clowns: -2,
  disappointed: -2,
  gutted: -2,
  fuming: -3,
  livid: -3,
  absolute: 0,
  caring: 2,
  compassionate: 3,
  reassuring: 2,
  professional: 2,
  lovely: 3,
  kind: 2,
  smoothly: 2,
  heroes: 3,
  angels: 3,
  legends: 3,
  superstars: 3,
  diolch: 2,
  gwych: 3,
  ardderchog: 3,
  '🙄': -2,
  '😡': -3,
  '🤬': -4,
  '😤': -2,
  '😠': -3,
  '🤡': -2,
  '👏': 2,
  '🙏': 2,
  '💙': 3,
  '❤️': 3,
  '❤': 3,
  '🥰': 3,
};

const EMOJI_ONLY: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(NHS_SOCIAL_LEXICON).filter(([token]) => /\p{Extended_Pictographic}/u.test(token)),
);

const EXTRAS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(CLINICAL_NEUTRAL.map((word) => [word, 0])),
  ...NHS_SOCIAL_LEXICON,
};

/** A small Welsh lexicon (registered as a language of the library): AFINN's English words would misread Welsh. */
const WELSH_LABELS: Readonly<Record<string, number>> = {
  diolch: 2,
  gwych: 3,
  ardderchog: 3,
  hyfryd: 3,
  caredig: 2,
  arbennig: 3,
  ffantastig: 3,
  gofalgar: 2,
  da: 1,
  gwael: -3,
  ofnadwy: -3,
  siomedig: -2,
  anghwrtais: -3,
  cywilydd: -3,
  gwarthus: -3,
  annerbyniol: -3,
  drwg: -2,
  blin: -2,
  anhapus: -2,
};

const analyser = new Sentiment();
analyser.registerLanguage('cy', { labels: { ...WELSH_LABELS } });

// The library splits on spaces; emoji typed back to back ("😡😡") must become separate words.
const EMOJI = /(\p{Extended_Pictographic}\uFE0F?)/gu;

/**
 * Sentiment of a social-media post: the `sentiment` package (AFINN-165 plus the Emoji Sentiment
 * Ranking, with negation: "not good" is negative) and the two lexicons above. It is one signal among
 * many: it qualifies phrases in the matrix (`ifNegative`, `ifPositive`), and never sets a priority.
 */
export function sentimentOf(text: string, language: string = 'en'): SentimentResult {
  const spaced = text.replace(EMOJI, ' $1 ').replace(/[’‘]/gu, "'");
  const options = language === 'cy' ? { language: 'cy', extras: EMOJI_ONLY } : { extras: EXTRAS };
  const { score, comparative } = analyser.analyze(spaced, options);
  const label: SentimentLabel = score <= -2 ? 'negative' : score >= 2 ? 'positive' : 'neutral';
  return { label, score, comparative: Math.round(comparative * 1000) / 1000 };
}
