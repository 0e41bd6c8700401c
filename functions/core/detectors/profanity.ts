import { normalise, rx, type Finding } from './finding';

// Common English swearing, with the usual disguises (f*ck, f**king, sh1t). Deliberately no slurs here:
// hate speech is abuse, and trusts list the terms they see in the matrix's abuse rule.
const PROFANITY = rx(String.raw`(?<![\p{L}])(?:f+[u*@#_.]*[c*]+k+(?:ing|in'?|ed|er|ers|s|wit)?|f[*]{2,}(?:ing|in'?|ed)?|fk(?:ing|in)?|fcking|fkn|fuk(?:ing|in)?|feck(?:ing)?
  |sh[i1!*]te?|sh[i1!*]t(?:e|ty|s)?|bullsh[i1!*]t|crap(?:py)?|bollocks|piss(?:ed|ing)?|arse(?:hole)?s?|ass(?:hole)?s?
  |bastards?|b[i1*]tch(?:es|y)?|twats?|wank(?:er|ers)?|dick(?:head)?s?|pricks?|c[u*]nts?|bloody hell|sod off|wtf|ffs|stfu)(?![\p{L}])`);

/** Swearing, by kind: the count is the evidence, never the word. */
export function detectProfanity(text: string): Finding[] {
  const count = [...normalise(text).matchAll(PROFANITY)].length;
  return count > 0 ? [{ evidence: `profanity (${count} ${count === 1 ? 'word' : 'words'})`, spanKind: 'profanity' }] : [];
}
