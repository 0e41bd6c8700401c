/** Small formatters shared by the digest's wording (HTML, text and the major-change sections). */

/** "A, B and C". */
export function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? noun : nouns}`;
}

export function fmt(n: number | undefined): string {
  return n === undefined ? '–' : Number.isInteger(n) ? n.toLocaleString('en-GB') : n.toFixed(1);
}

export function pct(value: number | undefined): string {
  return value === undefined ? '–' : `${Math.round(value * 100)}%`;
}
