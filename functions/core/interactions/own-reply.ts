import type { Interaction } from '../../../events';
import type { InteractionStore } from '../ports';
import { isOpen, unchanged, type InteractionRecord } from './record';
import { earlierOf, laterOf } from '../time/instants';
import { reply, type MatrixView } from './transitions';

export const INTAKE_ACTOR = 'system:intake';

/**
 * The trust's own post seen by intake may be the answer to an open interaction: a reply to it
 * (`parentId`), a comment in its thread (`threadId`), or, in a private conversation, a message to the
 * person who wrote (Messenger and X name the conversation after the other party, so `threadId` is their
 * author id). Each interaction it answers gets a reply recorded, which stops its SLA clock and gives its
 * first response time. Idempotent: the reply's own id is the action id, so a redelivery records nothing twice.
 * Returns the ids of the interactions answered.
 */
export async function recordOwnReply(own: Interaction, store: InteractionStore, matrix: MatrixView, now: string): Promise<string[]> {
  if (!own.flags.ownAccount) return [];
  const visibility = own.flags.private || own.channel === 'direct_message' ? 'private' : 'public';
  const answer = async (target: InteractionRecord): Promise<boolean> => {
    // Closed meanwhile: nothing to stop, and not worth a dead letter.
    const answerIt = (record: InteractionRecord) =>
      record.status === 'closed'
        ? unchanged
        : // A platform's clock and ours differ a little: a reply is never before the message it answers, nor after now.
          reply(record, { at: earlierOf(laterOf(own.occurredAt, record.receivedAt), now), visibility, replyInteractionId: own.id }, INTAKE_ACTOR, now, matrix);
    const outcome = await store.apply(target.id, `own-reply:${own.id}`, answerIt);
    return outcome.outcome === 'written';
  };

  const parent = own.parentId ? `${own.platform}:${own.parentId}` : undefined;
  for (const nativeId of unique([own.parentId, own.threadId])) {
    const id = `${own.platform}:${nativeId}`;
    const target = await store.get(id);
    if (target && !target.ownAccount && target.id !== own.id) return (await answer(target)) ? [target.id] : [];
    // The message it answers is not logged (yet): its delivery is behind the reply's. The reply waits on it
    // (not on the thread, which did not ask), so its clock stops when it comes; a message never delivered
    // to us is nothing to answer, and the wait expires.
    if (!target && id === parent && id !== own.id && own.channel !== 'direct_message' && store.keepOwnReply) {
      await store.keepOwnReply(id, { replyInteractionId: own.id, at: earlierOf(own.occurredAt, now), visibility, receivedAt: own.receivedAt }, matrix);
      return [];
    }
  }

  if (own.channel === 'direct_message' && own.threadId) {
    const waiting = (await store.byAuthor(own.platform, own.threadId)).filter(
      (record) => !record.ownAccount && record.channel === 'direct_message' && isOpen(record.status) && record.receivedAt <= own.receivedAt,
    );
    const answered: string[] = [];
    for (const record of waiting) if (await answer(record)) answered.push(record.id);
    return answered;
  }
  return [];
}

function unique(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((value): value is string => typeof value === 'string' && value !== ''))];
}
