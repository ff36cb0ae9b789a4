import { AccountLink } from '../accounts/account-link.entity';
import { SignInFailure } from '../accounts/sign-in-failure.entity';
import { UserSession } from '../accounts/user-session.entity';
import { User } from '../accounts/user.entity';
import { ActionPlan } from '../action-plan/action-plan.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ApiToken } from '../auth/api-token.entity';
import { IndicatorTarget } from '../action-plan/indicator-target.entity';
import { IndicatorValue } from '../action-plan/indicator-value.entity';
import { Indicator } from '../action-plan/indicator.entity';
import { BarrierMeeting } from '../barriers/barrier-meeting.entity';
import { Barrier } from '../barriers/barrier.entity';
import { ImportDraft } from '../imports/import-draft.entity';
import { Meeting } from '../meetings/meeting.entity';
import { Participant } from '../meetings/participant.entity';
import { Organization } from '../organizations/organization.entity';
import { Person } from '../organizations/person.entity';
import {
  RecommendationBarrier,
  RecommendationIndicator,
  RecommendationOrganization,
} from '../recommendations/recommendation-links.entity';
import { Recommendation } from '../recommendations/recommendation.entity';
import { StatusChange } from '../recommendations/status-change.entity';

/** Every entity of the schema; the migrations describe exactly these. */
export const ENTITIES = [
  Organization,
  Person,
  Meeting,
  Participant,
  Barrier,
  BarrierMeeting,
  Recommendation,
  StatusChange,
  RecommendationBarrier,
  RecommendationOrganization,
  RecommendationIndicator,
  ActionPlan,
  Indicator,
  IndicatorTarget,
  IndicatorValue,
  ApiToken,
  AuditEntry,
  User,
  UserSession,
  AccountLink,
  SignInFailure,
  ImportDraft,
];
