import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from './logger';

/**
 * Maps expected, typed domain errors to clear HTTP answers. Anything else is unexpected: it is
 * rethrown, so API Gateway answers 500 and the platform retries the delivery (nothing lost).
 */
export function httpDomainErrors(
  statusByErrorName: Record<string, number>,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      const error = request.error;
      const status = error ? statusByErrorName[error.name] : undefined;
      if (!error || status === undefined) return;
      logger.warn('request refused', { errorName: error.name, reason: error.message, statusCode: status });
      request.response = {
        statusCode: status,
        headers: { 'content-type': 'application/json' },
        // `fields`: the ops API's validation errors name every field at fault.
        body: JSON.stringify({ error: error.name, message: error.message, ...fieldsOf(error) }),
      };
    },
  };
}

function fieldsOf(error: Error): { fields?: string[] } {
  const fields = (error as { fields?: unknown }).fields;
  return Array.isArray(fields) && fields.every((field) => typeof field === 'string') ? { fields } : {};
}
