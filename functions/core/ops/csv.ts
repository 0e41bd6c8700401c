import type { InteractionRecord } from '../interactions/record';

/** The export's columns, in order: one row per interaction, no author identifiers ever. */
export const EXPORT_COLUMNS = [
  'id',
  'platform',
  'channel',
  'ownAccount',
  'receivedAt',
  'status',
  'category',
  'priority',
  'ownerTeam',
  'needsReply',
  'slaDueAt',
  'firstResponseAt',
  'firstResponseWorkingMinutes',
  'replyVisibility',
  'closedAt',
  'slaBreachLevel',
  'overridden',
  'deleted',
  'erased',
  'ruleId',
  'matrixVersion',
  // Last, so a sheet reading the columns before keeps working: when the clock started if not at receipt
  // (an edit raised the item); response times count from here.
  'clockFrom',
] as const;

export function csvHeader(includeText: boolean): string {
  return csvLine([...EXPORT_COLUMNS, ...(includeText ? ['text'] : [])]);
}

export function csvRow(record: InteractionRecord, includeText: boolean): string {
  const values: Record<(typeof EXPORT_COLUMNS)[number], unknown> = {
    id: record.id,
    platform: record.platform,
    channel: record.channel,
    ownAccount: record.ownAccount,
    receivedAt: record.receivedAt,
    status: record.status,
    category: record.category,
    priority: record.priority,
    ownerTeam: record.ownerTeam,
    needsReply: record.needsReply,
    slaDueAt: record.slaDueAt,
    firstResponseAt: record.firstResponseAt,
    firstResponseWorkingMinutes: record.firstResponseWorkingMinutes,
    replyVisibility: record.replyVisibility,
    closedAt: record.closedAt,
    slaBreachLevel: record.slaBreachLevel,
    overridden: record.overridden === true,
    deleted: record.deletedAt !== undefined,
    erased: record.erasedAt !== undefined || record.contentExpiredAt !== undefined,
    ruleId: record.ruleId,
    matrixVersion: record.matrixVersion,
    clockFrom: record.clockFrom,
  };
  return csvLine([...EXPORT_COLUMNS.map((column) => values[column]), ...(includeText ? [record.text] : [])]);
}

/** RFC 4180 quoting, CRLF line ends; a cell a spreadsheet would run as a formula is prefixed with `'`. */
export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/u.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}
