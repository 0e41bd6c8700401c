import { z } from 'zod';

export const prioritySchema = z.enum(['P0', 'P1', 'P2', 'P3', 'monitor']);
export type Priority = z.infer<typeof prioritySchema>;

export const publicReplySchema = z.enum(['yes', 'no', 'optional', 'private-only', 'holding-line']);

/** Why a detector fired. Evidence names the kind of thing found, never the personal data itself. */
export const signalSchema = z.object({
  detector: z.string().min(1),
  category: z.string().min(1),
  evidence: z.string(),
  /** The kind of text that matched (phrase, nhs-number, postcode, author-name, ...): never the text. */
  spanKind: z.string().min(1).optional(),
  /** Set when this signal raised the rule's priority (emergency words, a threat). */
  raises: prioritySchema.optional(),
});
export type Signal = z.infer<typeof signalSchema>;

export const sentimentSchema = z.object({
  label: z.enum(['positive', 'neutral', 'negative']),
  score: z.number(),
});

/** One change programme an interaction concerns. */
export const programmeTagSchema = z.object({
  /** The programme's id in the matrix config. */
  id: z.string().min(1),
  /** Ids of the programme's key messages the text carried (trust posts: pull-through; public: echoes). */
  keyMessages: z.array(z.string().min(1)),
  /** Ids of the programme's misinformation claims the text made. */
  claims: z.array(z.string().min(1)),
});
export type ProgrammeTag = z.infer<typeof programmeTagSchema>;

/** One decision of the response matrix, with everything an auditor needs to explain it. */
export const assessmentSchema = z.object({
  category: z.string().min(1),
  /** Other categories that also fired; the primary decision went to the most urgent. */
  secondaryCategories: z.array(z.string()),
  signals: z.array(signalSchema),
  action: z.string().min(1),
  owner: z.string().min(1),
  priority: prioritySchema,
  publicReply: publicReplySchema,
  slaDueAt: z.iso.datetime({ offset: true }).nullable(),
  ruleId: z.string().min(1),
  matrixVersion: z.string().min(1),
  rationale: z.string().min(1),
  piiKinds: z.array(z.string()),
  assessedAt: z.iso.datetime({ offset: true }),
  // Added with the full matrix; optional so assessments logged before then still parse.
  /** The owner team's id in the matrix (`owner` is its name). */
  ownerTeam: z.string().min(1).optional(),
  /** The priority the rule has before any escalation raised it; present only when it was raised. */
  basePriority: prioritySchema.optional(),
  riskAppetite: z.enum(['cautious', 'balanced', 'open']).optional(),
  /** Sentiment of the text: a signal that qualifies phrases, never a priority by itself. */
  sentiment: sentimentSchema.optional(),
  /** ISO 639-1 code ('en', 'cy', ...) or 'und'. */
  language: z.string().min(2).optional(),
  /** Conditions worth a glance in the queue: personal-data, priority-raised, pre-election-period, reply-in-welsh, ... */
  flags: z.array(z.string().min(1)).optional(),
  /**
   * The change programmes (response-matrix.yaml `programmes`) this interaction concerns, with the
   * programme's key messages it carried and the programme's known misinformation claims it made.
   */
  programmes: z.array(programmeTagSchema).optional(),
  /**
   * The reply the person handling it is offered: the rule's template, a programme claim's correction
   * (with its source link), or the incident's holding line while major-incident mode is on.
   */
  replyTemplate: z.string().min(1).optional(),
  /** Major-incident mode was on when this was decided: its holding line and tighter SLA applied. */
  incident: z.object({ id: z.string().min(1), name: z.string().min(1) }).optional(),
  /**
   * Content words of the redacted text (stop words and personal data removed, lower case, at most 12):
   * what spike alerts and the digest's themes count. Never shown for fewer than several interactions.
   */
  terms: z.array(z.string().min(1)).max(12).optional(),
  /** Whether an EscalationRaised was published for this decision, and whether it pages on-call. */
  escalation: z.object({ notify: z.boolean(), page: z.boolean(), reasons: z.array(z.string()) }).optional(),
});
export type Assessment = z.infer<typeof assessmentSchema>;
