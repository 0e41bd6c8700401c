import { isMap, isNode, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';

export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * Where in the YAML source the value at `path` sits: a plain value itself ("P5" in `priority: P5`);
 * for a list or a map, the line of its key when it has one (so a problem with `rules` points at
 * "rules:", not at the first rule), else where it starts (a list item). If the value is missing
 * (a required key left out), the nearest enclosing value that exists is used, e.g. the rule the key
 * belongs in. With `key`, that key inside the value at `path`.
 */
export function positionOf(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
  key?: string,
): SourcePosition {
  const target = key === undefined ? path : [...path, key];
  let depth = target.length;
  while (depth > 0 && nodeAt(doc, target.slice(0, depth)) === undefined) depth--;
  const found = target.slice(0, depth);
  const value = nodeAt(doc, found);
  const last = found[found.length - 1];
  const node =
    (isScalar(value) ? value : undefined) ??
    (typeof last === 'string' ? keyNode(doc, found.slice(0, -1), last) : undefined) ??
    value ??
    doc.contents;
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** True when a value (possibly null) is written at `path`. */
export function hasNodeAt(doc: Document, path: readonly PropertyKey[]): boolean {
  return nodeAt(doc, path) !== undefined;
}

/** The node at `path` is a plain number, e.g. `version: 2026.11` written without quotes. */
export function isNumberAt(doc: Document, path: readonly PropertyKey[]): boolean {
  const node = nodeAt(doc, path);
  return isScalar(node) && typeof node.value === 'number';
}

function nodeAt(doc: Document, path: readonly PropertyKey[]): Node | undefined {
  let node: unknown = doc.contents;
  for (const segment of path) {
    if (isMap(node)) node = pairOf(node, segment)?.value;
    else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
    else return undefined;
  }
  return isNode(node) ? node : undefined;
}

function keyNode(doc: Document, path: readonly PropertyKey[], key: string): Node | undefined {
  const parent = nodeAt(doc, path);
  if (!isMap(parent)) return undefined;
  const pair = pairOf(parent, key);
  return isNode(pair?.key) ? pair.key : undefined;
}

function pairOf(map: YAMLMap, key: PropertyKey): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
}
