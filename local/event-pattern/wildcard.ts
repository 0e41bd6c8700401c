/**
 * `wildcard` patterns (semantics §9): `*` is zero or more characters, `\*` a literal star, `\\` a
 * literal backslash; `**` and any other escape are rejected with event-ruler's message and byte
 * position (counted in UTF-8 from the opening quote, as AWS reports it).
 */
export class WildcardError extends Error {
  override name = 'WildcardError';
}

/** Literal runs between stars: `a*b\*c` is ['a', 'b*c']; a leading or trailing star gives an empty run. */
export type WildcardSegments = readonly string[];

export function parseWildcard(pattern: string): WildcardSegments {
  const chars = Array.from(pattern); // code points
  const segments: string[] = [];
  let current = '';
  let bytePos = 1; // the opening quote is byte 0
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '*') {
      if (chars[i + 1] === '*') throw new WildcardError(`Consecutive wildcard characters at pos ${bytePos}`);
      segments.push(current);
      current = '';
      bytePos += 1;
    } else if (c === '\\') {
      const next = chars[i + 1];
      if (next !== '*' && next !== '\\') throw new WildcardError(`Invalid escape character at pos ${bytePos}`);
      current += next;
      i++;
      bytePos += 2;
    } else {
      current += c;
      bytePos += utf8Length(c.codePointAt(0)!);
    }
  }
  segments.push(current);
  return segments;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** True when the whole value matches: first and last runs anchor the ends, the rest are found in order. */
export function matchWildcard(segments: WildcardSegments, value: string): boolean {
  if (segments.length === 1) return value === segments[0];
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const found = value.indexOf(segments[i]!, at);
    if (found < 0 || found + segments[i]!.length > end) return false;
    at = found + segments[i]!.length;
  }
  return true;
}

/**
 * How non-deterministic a set of wildcard patterns on one field is: the most states of their
 * combined NFA that one input can keep alive at once (each star is a state that stays alive, and
 * each literal position reached by a suffix of the input is another). AWS rejects rules above an
 * undocumented complexity ("Rule is too complex - try using fewer wildcard characters or fewer
 * repeating character sequences after a wildcard character"); event-ruler measures the same idea
 * (MachineComplexityEvaluator: wildcard prefixes one worst-case input matches at once). The limit
 * used with this measure is calibrated on the two AWS-recorded data points (see WILDCARD_COMPLEXITY_LIMIT).
 */
export function wildcardComplexity(patterns: readonly WildcardSegments[]): number {
  // Token lists: a number is a literal code unit, STAR a star.
  const STAR = -1;
  const machines = patterns.map((segments) => {
    const tokens: number[] = [];
    segments.forEach((segment, i) => {
      if (i > 0) tokens.push(STAR);
      for (let j = 0; j < segment.length; j++) tokens.push(segment.charCodeAt(j));
    });
    return tokens;
  });
  const alphabet = new Set<number>([0x110000]); // one stand-in for every character no pattern names
  for (const tokens of machines) for (const t of tokens) if (t !== STAR) alphabet.add(t);

  // A state is "machine:position"; position p means tokens[0..p) are matched.
  const close = (states: Set<string>) => {
    for (const state of [...states]) {
      let [m, p] = state.split(':').map(Number) as [number, number];
      while (machines[m]![p] === STAR) states.add(`${m}:${++p}`);
    }
    return states;
  };
  const start = close(new Set(machines.map((_, m) => `${m}:0`)));
  let worst = start.size;
  const seen = new Set<string>([[...start].sort().join('|')]);
  const queue = [start];
  // Bounded: past a few thousand state sets the answer is far over any limit anyway.
  while (queue.length > 0 && worst <= 1000 && seen.size < 5000) {
    const states = queue.shift()!;
    for (const c of alphabet) {
      const next = new Set<string>();
      for (const state of states) {
        const [m, p] = state.split(':').map(Number) as [number, number];
        const token = machines[m]![p];
        if (token === STAR) next.add(state);
        else if (token === c) next.add(`${m}:${p + 1}`);
      }
      close(next);
      if (next.size === 0) continue;
      const key = [...next].sort().join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      worst = Math.max(worst, next.size);
      queue.push(next);
    }
  }
  return worst;
}

/**
 * Calibration on the AWS-recorded data points [localstack content_wildcard_repeating,
 * content_wildcard_simplified, content_anything_wildcard_list, content_wildcard_complex_EXC]: AWS
 * accepted `/Users/*\/dir/dir/dir/dir/dir/doc.txt` (measure 8), `arn:aws:events:us-east-1:*:event-bus/*`
 * (5) and anything-but wildcard [`*\/init/*`, `*\/dir/*`] (10), and rejected `*:*:*:*:*:event-bus/*` (13).
 * Any limit from 10 to 12 separates them; the strictest is used: when in doubt, refuse locally
 * rather than at deploy time.
 */
export const WILDCARD_COMPLEXITY_LIMIT = 10;
