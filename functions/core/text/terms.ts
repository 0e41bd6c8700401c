import { PII_LABELS } from '../pii/kinds';

/** At most this many terms per interaction (the assessment contract's limit). */
export const MAX_TERMS = 12;

// Common English function words and social-media filler: counting them says nothing about a spike.
const ENGLISH = `a about above after again against all also am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
each even ever every few for from further get gets getting got had hadn't has hasn't have haven't having he he'd
he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's
its itself just let's like lot lots me more most much must mustn't my myself no nor not now of off on once only or
other ought our ours ourselves out over own really same shan't she she'd she'll she's should shouldn't so some still
such than that that's the their theirs them themselves then there there's these they they'd they'll they're they've
this those though through thru to too under until up upon us very via was wasn't we we'd we'll we're we've were
weren't what what's when when's where where's whether which while who who's whom why why's will with won't would
wouldn't yet you you'd you'll you're you've your yours yourself yourselves yes yeah ok okay please thanks thank im
dont cant wont didnt doesnt isnt ive ill id youre theyre thats whats gonna wanna gotta lol omg etc amp one two
three anyone anything everyone everything someone something nothing today tomorrow yesterday week day days time
back well know think going go come say said see make made way new`;

// Welsh function words: articles, prepositions, pronouns and forms of "bod" (to be).
const WELSH = `a ac ar am at i o y yr 'r yn ym yng gan gyda efo heb dros drwy trwy wrth hyd mewn rhwng dan tan fel
ond neu na nad nid ni nac os pan fy dy ei ein eich eu mae oedd roedd mi fe hi nhw chi ni ti fi dw dwi rydw rwy
rydych ydy ydw ydi ydyn oes sy sydd bod wedi ddim hefyd hwn hon hyn hynny yma yna beth pam sut ble pryd pwy iawn
mae'r oedd'r i'r o'r a'r gyda'r yw yw'r dyw mai bydd fydd roedd'r`;

const STOP_WORDS: ReadonlySet<string> = new Set(`${ENGLISH} ${WELSH}`.split(/\s+/u).filter(Boolean));

// The redaction labels ("[NHS number removed]"): never counted as words.
const PLACEHOLDER = new RegExp(String.raw`\[(?:${Object.values(PII_LABELS).join('|')}) removed\]`, 'giu');
const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;
// Any token with an @ in it: handles (@jo_bloggs) and any email address the redaction missed.
const WITH_AT = /\S*@\S*/gu;
// Words: letters, with inner apostrophes and hyphens; a token that touches a digit is dropped whole.
const TOKEN = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu;

/** The title words before a name ("Dr Okonkwo-Hartley", "Nurse Jones"): the name after one is never a term. */
const TITLES: ReadonlySet<string> = new Set(['dr', 'doctor', 'nurse', 'mr', 'mrs', 'ms', 'mx', 'miss', 'prof', 'professor', 'sister', 'matron', 'sir', 'dame', 'lady', 'lord', 'cllr', 'councillor', 'rev', 'revd']);
/** These are always titles before a word; the others ("nurse", "sister") only before a capitalised word. */
const SHORT_TITLES: ReadonlySet<string> = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'prof', 'cllr', 'rev', 'revd']);

/** A text's words as termsOf reads them: lower case, curly apostrophes straightened, a final 's dropped; nothing filtered. */
export function wordsOf(text: string): string[] {
  return [...text.matchAll(TOKEN)].map(([raw]) => normalise(raw));
}

function normalise(raw: string): string {
  return raw.toLowerCase().replace(/’/gu, "'").replace(/'s$/u, '');
}

const capitalised = (raw: string) => /^\p{Lu}/u.test(raw);

/**
 * The content words of a text, for spike alerts and the digest's themes: lower case, in order of first
 * appearance, without repeats, stop words (English and Welsh), words under 3 letters, anything with a
 * digit (NHS numbers, phone numbers, postcodes, dates), links, @handles, emails and redaction labels;
 * at most 12. Pass the REDACTED text; links, handles and digits are dropped even if redaction missed them.
 */
export function termsOf(text: string): string[] {
  const prose = text.replace(PLACEHOLDER, ' ').replace(LINK, ' ').replace(WITH_AT, ' ');
  const terms: string[] = [];
  // Defence in depth (only theme words ever leave the system, see themes.ts): the words of a name after
  // a title are skipped: "Dr Okonkwo-Hartley", "Mrs Jane Smith", "Nurse Jones", "Dr. Patel", "dr patel".
  let name: { end: number; afterTitle: boolean; anyWord: boolean } | undefined;
  for (const match of prose.matchAll(TOKEN)) {
    const raw = match[0];
    const word = normalise(raw);
    if (name !== undefined) {
      const gap = prose.slice(name.end, match.index);
      // "Dr. Patel": a full stop only straight after the title; a name's words are separated by spaces only.
      const joined = (name.afterTitle ? /^\.?[ \t]+$/u : /^[ \t]+$/u).test(gap);
      if (joined && (capitalised(raw) || name.anyWord)) {
        name = { end: match.index + raw.length, afterTitle: false, anyWord: false };
        continue;
      }
    }
    // A short title not written in capitals ("Dr", "dr") names whatever follows; "MS clinic", "MR scan"
    // and the word titles ("nurse", "sister") only before a capitalised word.
    name = TITLES.has(word) ? { end: match.index + raw.length, afterTitle: true, anyWord: SHORT_TITLES.has(word) && raw !== raw.toUpperCase() } : undefined;
    if (/\p{N}/u.test(word)) continue;
    if ([...word.replace(/['\-]/gu, '')].length < 3) continue;
    if (STOP_WORDS.has(word) || terms.includes(word)) continue;
    terms.push(word);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}
