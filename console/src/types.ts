import type { IncidentMode } from '../../functions/core/incidents/incident-mode';

/** The ops API's answers the console reads (docs/ops-api.openapi.yaml). */
export interface InteractionSummary {
  id: string;
  platform: string;
  channel: string;
  status: string;
  receivedAt: string;
  ownAccount: boolean;
  category?: string;
  priority?: string;
  ownerTeam?: string;
  assignee?: string;
  slaDueAt?: string;
  needsReply?: boolean;
  firstResponseAt?: string;
  /** When the clock started, when not at receipt: an edit raised the item. */
  clockFrom?: string;
  replyVisibility?: string;
  closedAt?: string;
  slaBreachLevel?: number;
  permalink?: string;
  overridden: boolean;
  deleted: boolean;
  erased: boolean;
  programmes?: string[];
}

export interface InteractionPage {
  items: InteractionSummary[];
  nextCursor?: string;
  /** The queue's first page: every open item (whatever the filters), and those per owner team. */
  openCount?: number;
  countsByOwnerTeam?: Record<string, number>;
}

export interface AuditEntry {
  at: string;
  kind: string;
  actor: string;
  what: string;
  why?: string;
  matrixVersion?: string;
  ruleId?: string;
  changes?: Record<string, { from?: unknown; to?: unknown }>;
}

export interface Assessment {
  category: string;
  priority: string;
  secondaryCategories?: string[];
  action: string;
  owner: string;
  publicReply: string;
  slaDueAt?: string;
  ruleId: string;
  matrixVersion: string;
  rationale: string;
  evidence: string[];
  piiKinds: string[];
  flags?: string[];
  replyTemplate?: string;
  /** Tags the decision made; older answers may give bare ids. */
  programmes?: Array<string | { id: string; keyMessages?: string[]; claims?: string[] }>;
  incident?: { id: string; name: string };
}

export interface InteractionDetail extends InteractionSummary {
  text: string;
  author: { id?: string; handle?: string; displayName?: string };
  matrixVersion?: string;
  ruleId?: string;
  replies: Array<{ at: string; by: string; visibility: string; text?: string }>;
  assessment?: Assessment;
  audit: AuditEntry[];
}

export interface MatrixRule {
  id: string;
  category: string;
  categoryLabel?: string;
  priority: string;
  owner: string;
  ownerName?: string;
  publicReply: string;
  sla: string;
  action: string;
  replyTemplate?: string;
  appliesTo?: string[];
  default?: boolean;
  detectors?: string[];
  escalations?: Array<{ to: string; reason: string; sla?: string; action?: string }>;
}

export interface MatrixDocument {
  version: string;
  name?: string;
  riskAppetite?: string;
  clock?: { description?: string; timeZone?: string };
  escalation?: { priorities: string[]; page: string[] };
  teams: Array<{ id: string; name: string; notify?: string }>;
  rules: MatrixRule[];
  programmes?: MatrixProgramme[];
  preElectionPeriods?: Array<{ name: string; from: string; to: string }>;
}

export interface MatrixProgramme {
  id: string;
  name: string;
  owner?: string;
  ownerName?: string;
  from?: string;
  to?: string;
  routes?: string[];
  keywords?: string[];
  hashtags?: string[];
  keyMessages?: Array<{ id: string; text: string }>;
  claims?: Array<{ id: string; name?: string; correction?: string; source?: string }>;
}

export interface DigestWeeks {
  /** This week (in progress, `complete: false`) and the complete weeks before it. */
  weeks: Array<{ week: string; status: string; sentAt?: string; complete?: boolean; from?: string; to?: string }>;
}

export interface Digest {
  week: string;
  subject: string;
  html: string;
  text: string;
}

/** GET /incident: major-incident mode, as the core records it (a type-only import: nothing of the backend is bundled). */
export type { IncidentMode };

export interface IncidentStatus {
  current: IncidentMode | null;
  recent: IncidentMode[];
}
