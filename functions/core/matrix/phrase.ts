/**
 * A phrase matches case-insensitively, as whole words: "rude" does not match "prudent".
 * Spaces and hyphens are interchangeable ("self harm" matches "self-harm"), and a straight
 * apostrophe matches a curly one, as phones type them.
 */
export function phraseRegex(phrase: string): RegExp {
  const words = phrase
    .trim()
    .split(/[\s\-]+/u)
    .filter((word) => word.length > 0)
    .map((word) => escapeRegex(word).replace(/['\u2019]/gu, "['\u2019]"));
  return new RegExp(String.raw`(?<![\p{L}\p{N}])${words.join(String.raw`[\s\-]+`)}(?![\p{L}\p{N}])`, 'giu');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
