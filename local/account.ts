/** The fake AWS identity every local service reports and every local client uses. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** Dummy keys: the SDK insists on credentials, the local services ignore them, and real AWS refuses them. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
