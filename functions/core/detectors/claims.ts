import { phraseRegex } from '../matrix/phrase';
import { normalise, sentences, type Finding } from './finding';

export interface ClaimSpec {
  id: string;
  /** What the claim is about: any of these (vaccine, mmr, ...). */
  about: readonly string[];
  /** What it says: any of these (causes autism, microchip, ...). */
  says: readonly string[];
}

export interface CompiledClaim {
  id: string;
  about: RegExp[];
  says: RegExp[];
}

export function compileClaims(claims: readonly ClaimSpec[]): CompiledClaim[] {
  return claims.map((claim) => ({ id: claim.id, about: claim.about.map(phraseRegex), says: claim.says.map(phraseRegex) }));
}

/**
 * Misinformation from the trust's claims list: a sentence that names a topic ("MMR") and makes the
 * claim ("causes autism"), unless that same sentence debunks it ("there is no link", "myth").
 */
export function detectClaims(text: string, claims: readonly CompiledClaim[], debunking: readonly RegExp[]): Finding[] {
  return claimsMade(text, claims, debunking).map((id) => ({ evidence: `claim on the misinformation list: ${id}`, spanKind: 'claim' }));
}

/**
 * The ids of the claims `text` makes, in the order of `claims`: one sentence names a topic and makes
 * the claim, and does not debunk it. Shared by the misinformation list and change programmes' claims.
 */
export function claimsMade(text: string, claims: readonly CompiledClaim[], debunking: readonly RegExp[]): string[] {
  if (claims.length === 0) return [];
  const found = new Set<string>();
  for (const sentence of sentences(normalise(text))) {
    if (debunking.some((regex) => new RegExp(regex).test(sentence))) continue;
    for (const claim of claims) {
      const about = claim.about.some((regex) => new RegExp(regex).test(sentence));
      if (about && claim.says.some((regex) => new RegExp(regex).test(sentence))) found.add(claim.id);
    }
  }
  return claims.filter((claim) => found.has(claim.id)).map((claim) => claim.id);
}
