/**
 * An event as the matcher sees it: every leaf value under its dot-joined path, so the pattern key
 * `"a.b"` and the nested `a` → `b` reach the same values (semantics §1.10). Objects are never values
 * (`exists` only sees leaves, §6) and an empty array contributes nothing (§10).
 *
 * Each leaf remembers which element of which array it came from (its array membership), so two
 * fields of one pattern object are only satisfied together by values from the same array element
 * (array consistency, §10; event-ruler's `rulesForJSONEvent`).
 */
import { parseJson, type JsonNode } from './json';

export type LeafType = 'string' | 'number' | 'boolean' | 'null';

export interface Leaf {
  readonly type: LeafType;
  readonly value: string | number | boolean | null;
  /** A number's JSON lexeme (`300.0` stays `300.0` when the event was given as text). */
  readonly text: string;
  /** Flat pairs `[arrayId, index, arrayId, index, ...]`, outermost array first; empty outside arrays. */
  readonly membership: readonly number[];
}

/** Path → the leaves found there. */
export type FlatEvent = ReadonlyMap<string, readonly Leaf[]>;

export class EventShapeError extends Error {
  override name = 'EventShapeError';
}

/**
 * The paths some patterns read, as a tree of their dot-separated segments, so flattening an event
 * for those patterns walks only the parts of it that lead there (the bus's hot path).
 */
export interface PathFilter {
  readonly root: PathNode;
}

interface PathNode {
  readonly path: string;
  /** A pattern reads this path itself (it may also be the prefix of a longer one). */
  leaf: boolean;
  readonly children: Map<string, PathNode>;
}

export function pathFilter(paths: Iterable<string>): PathFilter {
  const root: PathNode = { path: '', leaf: false, children: new Map() };
  for (const path of paths) {
    let node = root;
    path.split('.').forEach((segment, i, segments) => {
      let child = node.children.get(segment);
      if (!child) {
        child = { path: segments.slice(0, i + 1).join('.'), leaf: false, children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    });
    node.leaf = true;
  }
  return { root };
}

const NO_MEMBERSHIP: readonly number[] = [];

/**
 * Flattens an event given as a parsed object or as JSON text (text keeps number lexemes). With a
 * filter, only the leaves at its paths are collected (the other paths are not needed to match).
 */
export function flattenEvent(event: unknown, filter?: PathFilter): FlatEvent {
  const walker: Walker = { out: new Map(), arrays: 0 };
  if (typeof event === 'string') {
    let root: JsonNode;
    try {
      root = parseJson(event);
    } catch (error) {
      throw new EventShapeError(`Parameter Event is not valid: ${(error as Error).message}`);
    }
    if (root.kind !== 'object') throw new EventShapeError('Parameter Event is not valid: the event must be a JSON object');
    walkNode(walker, lastWins(root), null, NO_MEMBERSHIP);
    return walker.out;
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new EventShapeError('Parameter Event is not valid: the event must be a JSON object');
  }
  if (filter) walkFiltered(walker, event, filter.root, NO_MEMBERSHIP);
  else walkValue(walker, event, null, NO_MEMBERSHIP);
  return walker.out;
}

interface Walker {
  readonly out: Map<string, Leaf[]>;
  arrays: number;
}

function add(walker: Walker, path: string, leaf: Leaf): void {
  const list = walker.out.get(path);
  if (list) list.push(leaf);
  else walker.out.set(path, [leaf]);
}

function leafOf(value: unknown, membership: readonly number[]): Leaf | undefined {
  if (value === null) return { type: 'null', value: null, text: '', membership };
  switch (typeof value) {
    case 'string':
      return { type: 'string', value, text: '', membership };
    case 'number':
      return { type: 'number', value, text: String(value), membership };
    case 'boolean':
      return { type: 'boolean', value, text: '', membership };
    default:
      return undefined; // undefined and functions are not JSON: JSON.stringify drops them too
  }
}

const join = (path: string | null, key: string) => (path === null ? key : `${path}.${key}`);

/** Every leaf of a parsed object (path null = the event itself). */
function walkValue(walker: Walker, value: unknown, path: string | null, membership: readonly number[]): void {
  if (value !== null && typeof value === 'object') {
    if (Array.isArray(value)) {
      const id = walker.arrays++;
      for (let index = 0; index < value.length; index++) walkValue(walker, value[index], path, [...membership, id, index]);
    } else {
      for (const key of Object.keys(value)) walkValue(walker, (value as Record<string, unknown>)[key], join(path, key), membership);
    }
    return;
  }
  const leaf = leafOf(value, membership);
  if (leaf && path !== null) add(walker, path, leaf);
}

/** Only the leaves on the filter's paths; an event key with dots in it may span several segments. */
function walkFiltered(walker: Walker, value: unknown, node: PathNode, membership: readonly number[]): void {
  if (value !== null && typeof value === 'object') {
    if (Array.isArray(value)) {
      const id = walker.arrays++;
      for (let index = 0; index < value.length; index++) walkFiltered(walker, value[index], node, [...membership, id, index]);
      return;
    }
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const child = node.children.get(key) ?? (key.includes('.') ? descend(node, key) : undefined);
      if (child) walkFiltered(walker, (value as Record<string, unknown>)[key], child, membership);
    }
    return;
  }
  if (!node.leaf) return;
  const leaf = leafOf(value, membership);
  if (leaf) add(walker, node.path, leaf);
}

function descend(node: PathNode, dottedKey: string): PathNode | undefined {
  let at: PathNode | undefined = node;
  for (const segment of dottedKey.split('.')) {
    at = at.children.get(segment);
    if (!at) return undefined;
  }
  return at;
}

/** Every leaf of a JSON text tree (numbers keep their lexeme). */
function walkNode(walker: Walker, node: JsonNode, path: string | null, membership: readonly number[]): void {
  switch (node.kind) {
    case 'object':
      for (const [key, inner] of node.members) walkNode(walker, inner, join(path, key), membership);
      return;
    case 'array': {
      const id = walker.arrays++;
      node.items.forEach((item, index) => walkNode(walker, item, path, [...membership, id, index]));
      return;
    }
    default:
      if (path === null) return;
      if (node.kind === 'number') add(walker, path, { type: 'number', value: node.value, text: node.text, membership });
      else add(walker, path, leafOf(node.kind === 'null' ? null : node.value, membership)!);
  }
}

/** A JSON object with a repeated key keeps the last value, as JSON.parse does. */
function lastWins(node: JsonNode): JsonNode {
  if (node.kind === 'object') return { kind: 'object', members: [...new Map(node.members.map(([key, inner]) => [key, lastWins(inner)] as const))] };
  if (node.kind === 'array') return { kind: 'array', items: node.items.map(lastWins) };
  return node;
}
