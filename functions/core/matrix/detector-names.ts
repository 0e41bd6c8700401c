import { PII_KINDS } from '../pii/kinds';

/** The built-in detectors a matrix rule may name (plain data: validating a matrix loads no detector). */
export const DETECTOR_NAMES = [
  ...PII_KINDS,
  'question',
  'risk-to-life',
  'threat-of-violence',
  'staff-self-identification',
  'profanity',
  'misinformation-claim',
  'pre-election-period',
  'course-of-conduct',
] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];
