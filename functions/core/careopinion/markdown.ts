/**
 * Care Opinion story and response bodies are Markdown. The canonical interaction carries plain text
 * (the response matrix reads words, not markup): keep the words, drop the syntax. Small and
 * forgiving on purpose: any input gives text, never an error.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

export function markdownToText(markdown: string): string {
  let text = markdown.replace(/\r\n?/g, '\n');
  // Fenced code: keep the content, drop the fences.
  text = text.replace(/^ {0,3}(```|~~~)[^\n]*\n([\s\S]*?)^ {0,3}\1[ \t]*$/gm, '$2');
  // Reference-style link definitions: `[id]: https://...`.
  text = text.replace(/^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$/gm, '');
  // Images (alt text stays), then links (their text stays), autolinks and reference links.
  text = text.replace(/!\[([^\]\n]*)\]\([^)\n]*\)/g, '$1');
  text = text.replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1');
  text = text.replace(/\[([^\]\n]+)\]\[[^\]\n]*\]/g, '$1');
  text = text.replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1');
  // HTML tags.
  text = text.replace(/<\/?[A-Za-z][^>\n]*>/g, '');
  // Line-level syntax: headings, block quotes, rules, bullets.
  text = text
    .split('\n')
    .map((line) =>
      line
        .replace(/^ {0,3}#{1,6}[ \t]+/, '')
        .replace(/[ \t]+#+[ \t]*$/, '')
        .replace(/^ {0,3}(>[ \t]?)+/, '')
        .replace(/^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/, '')
        .replace(/^([ \t]*)[*+-][ \t]+/, '$1- ')
        .replace(/^ {0,3}(=+|-+)[ \t]*$/, ''),
    )
    .join('\n');
  // Emphasis and inline code; underscores only at word edges (snake_case words stay).
  text = text.replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2');
  text = text.replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\*)/g, '$1$2');
  text = text.replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2');
  text = text.replace(/~~(?=\S)([^~\n]*?\S)~~/g, '$1');
  text = text.replace(/`+([^`\n]+?)`+/g, '$1');
  // Backslash escapes and entities.
  text = text.replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1');
  text = text.replace(/&(#39|amp|lt|gt|quot|apos|nbsp);/g, (_match, name: string) => ENTITIES[name] ?? '');
  text = text.replace(/&#(\d{1,6});/g, (match, code: string) => {
    const point = Number(code);
    return point > 0 && point <= 0x10ffff && (point < 0xd800 || point > 0xdfff) ? String.fromCodePoint(point) : match;
  });
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
