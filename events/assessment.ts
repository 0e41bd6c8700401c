import { z } from 'zod';

export const prioritySchema = z.enum(['P0', 'P1', 'P2', 'P3', 'monitor']);
export type Priority = z.infer<typeof prioritySchema>;

export const publicReplySchema = z.enum(['yes', 'no', 'optional', 'private-only', 'holding-line']);

/** Why a detector fired. Evidence names the kind of thing found, never the personal data itself. */
export const signalSchema = z.object({
  detector: z.string().min(1),
  category: z.string().min(1),
  evidence: z.string(),
});
export type Signal = z.infer<typeof signalSchema>;

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
});
export type Assessment = z.infer<typeof assessmentSchema>;
