/** Typed domain errors of the interaction log and the ops API; handlers map them to HTTP by `name`. */

/** Bad input: `fields` names every field at fault (`query.status`, `body.reason`...). */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(
    message: string,
    readonly fields: string[],
  ) {
    super(message);
  }
}

/** No verified identity on the request (the JWT authorizer normally refuses it first). */
export class UnauthorizedError extends Error {
  override name = 'UnauthorizedError';
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** Signed in, but not in a group allowed to do this (text export, subject access, erasure). */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

/** The interaction's state does not allow this action (e.g. a reply on a closed item). */
export class ConflictError extends Error {
  override name = 'ConflictError';
}

/** Another writer kept changing the item between read and write: the caller may simply retry. */
export class ConcurrentUpdateError extends Error {
  override name = 'ConcurrentUpdateError';
}
