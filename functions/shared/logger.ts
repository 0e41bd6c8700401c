import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured logger per function. Log keys, never message text or personal data above DEBUG.
 * Level from POWERTOOLS_LOG_LEVEL; service name from POWERTOOLS_SERVICE_NAME.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'nhs-social' });
