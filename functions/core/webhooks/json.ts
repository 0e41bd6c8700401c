/** Small readers for untrusted JSON: platforms send ids as numbers or strings, fields may be absent. */
import { fromEpochSeconds } from './time';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value if it is an object, else an empty one: optional sub-objects read without guards. */
export function obj(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** An id or text field as a string; numbers become their decimal text, anything else is absent. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Unix seconds (number or numeric string) as an ISO instant. */
export const fromUnixSeconds = fromEpochSeconds;
