/** Expected intake failures, each mapped by the handler to a clear HTTP answer. */

/** Missing or wrong signature: 401, nothing published. */
export class SignatureError extends Error {
  override name = 'SignatureError';
}

/** A handshake whose token does not match: 403. */
export class HandshakeError extends Error {
  override name = 'HandshakeError';
}

/** No intake exists for this platform path: 404. */
export class UnknownPlatformError extends Error {
  override name = 'UnknownPlatformError';
}

/** A signed body that is not the shape the platform documents: quarantined and reported, answered 200. */
export class UnprocessablePayloadError extends Error {
  override name = 'UnprocessablePayloadError';
}

/** A body larger than intake accepts: 413, refused before any secret is read or anything is archived. */
export class PayloadTooLargeError extends Error {
  override name = 'PayloadTooLargeError';
}
