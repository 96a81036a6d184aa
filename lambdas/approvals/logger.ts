import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured logger of the approval handlers. Callers log ids and masked addresses only:
 * never a task token, CSRF token, full phone number or email address.
 */
export const logger = new Logger({ serviceName: 'sirocco-approvals' });
