/** The kinds of personal data the core recognises in free text. */
export const PII_KINDS = ['nhs-number', 'email', 'uk-phone', 'date-of-birth', 'postcode'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/** What a reader sees in place of each kind; also the wording audit evidence uses. */
export const PII_LABELS: Readonly<Record<PiiKind, string>> = {
  'nhs-number': 'NHS number',
  email: 'email address',
  'uk-phone': 'phone number',
  'date-of-birth': 'date of birth',
  postcode: 'postcode',
};
