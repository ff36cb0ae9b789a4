import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { ErrorCode, ErrorSubcode } from './error-codes';

interface PgErrorFields {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** Messages for unique indexes, by name, so a taken code reads as a sentence and not as SQL. */
const UNIQUE_VIOLATION_MESSAGES: Record<string, string> = {
  UQ_recommendation_code: 'a recommendation with this code already exists',
  UQ_action_plan_code: 'an action plan with this code already exists',
  UQ_indicator_plan_code: 'this action plan already has an indicator with this code',
  UQ_organization_name_ky: 'an organization with this Kyrgyz name already exists',
  UQ_organization_name_ru: 'an organization with this Russian name already exists',
  UQ_organization_name_en: 'an organization with this English name already exists',
  UQ_app_user_email: 'a user with this email address already exists',
};

/** The input field a unique index concerns, so a form can show a taken value at its control. */
const UNIQUE_VIOLATION_FIELDS: Record<string, string> = {
  UQ_recommendation_code: 'code',
  UQ_action_plan_code: 'code',
  UQ_indicator_plan_code: 'code',
  UQ_app_user_email: 'email',
};

/**
 * Maps the PostgreSQL errors a client can cause to domain errors; anything else
 * is returned unchanged and will surface as INTERNAL_SERVER_ERROR.
 */
export function translateDatabaseError(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const pg = error.driverError as PgErrorFields | undefined;
  switch (pg?.code) {
    case '23505': {
      const constraint = pg.constraint ?? '';
      const field = UNIQUE_VIOLATION_FIELDS[constraint];
      // The constraint's name stays here: it is a table's internal name, not part of the API.
      return DomainError.duplicate(UNIQUE_VIOLATION_MESSAGES[constraint] ?? 'this value is already taken', field ? { field, reason: 'taken' } : {});
    }
    case '23503':
      return new DomainError(ErrorCode.NOT_FOUND, 'a referenced record does not exist');
    case '40001':
    case '40P01':
      return new DomainError(ErrorCode.CONFLICT, 'the record was changed concurrently; retry', { subcode: ErrorSubcode.CONCURRENT_WRITE });
    default:
      return error;
  }
}
