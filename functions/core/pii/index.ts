export { isValidNhsNumber, findNhsNumbers } from './nhs-number';
export { findPii, redactPii, type PiiOptions } from './redact';
export { findUkPhoneNumbers } from './phone';
export { findPostcodes, normalisePostcode } from './postcode';
export { PII_KINDS, PII_LABELS, type PiiKind } from './kinds';
