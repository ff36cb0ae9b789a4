import { RecommendationFilter } from '../../recommendations/dto/recommendations.args';
import { BooleanParameter, RepeatableParameter } from './query-transforms';

/**
 * The query parameters of /exports/recommendations.*: RecommendationFilter's
 * fields and validation rules, inherited, plus the conversions a query string
 * needs (a repeatable parameter given once is a string; booleans arrive as text).
 */
export class RecommendationsExportQuery extends RecommendationFilter {}

// Registered on the subclass only, so the GraphQL input keeps its own behaviour.
RepeatableParameter()(RecommendationsExportQuery.prototype, 'status');
RepeatableParameter()(RecommendationsExportQuery.prototype, 'kind');
BooleanParameter()(RecommendationsExportQuery.prototype, 'overdue');
