/**
 * How the default matrix's categories read to people (owner emails, the board digest). A trust's own
 * categories fall back to their id with dashes turned into spaces.
 */
const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  safeguarding: 'Safeguarding / risk to life',
  'abuse-or-threat': 'Abuse of staff or threat',
  pii: 'Personal data',
  'media-enquiry': 'Media enquiry',
  misinformation: 'Misinformation',
  'formal-complaint': 'Formal complaint or legal',
  complaint: 'Complaint (signposted to PALS)',
  'clinical-question': 'Clinical question',
  'admin-query': 'Appointment or admin query',
  'general-question': 'General question',
  compliment: 'Compliment',
  'troll-or-spam': 'Trolling or spam',
  political: 'Political content',
  whistleblowing: 'Staff concern (Freedom to Speak Up)',
  'major-incident': 'Major incident or disruption',
  'own-post': "The trust's own post",
  deleted: 'Deleted before assessment',
  unclassified: 'Other',
};

export function categoryLabel(category: string): string {
  const known = CATEGORY_LABELS[category];
  if (known) return known;
  const spaced = category.replace(/[-_]+/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
