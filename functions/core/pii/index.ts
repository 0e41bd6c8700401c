export { isValidNhsNumber, findNhsNumbers } from './nhs-number';
export { findPii, redactPii } from './redact';
export { PII_KINDS, PII_LABELS, type PiiKind } from './kinds';
