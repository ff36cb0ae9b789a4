import { Locale } from '../../i18n/locales';
import { RecommendationFilter } from '../../recommendations/dto/recommendations.args';
import { CommonExportParameters, withCommonExportParameters } from './export-common.query';
import { BooleanParameter, RepeatableParameter } from '../../common/validation/query-transforms';

/**
 * The query parameters of /exports/recommendations.*: RecommendationFilter's
 * fields and validation rules, inherited, plus the conversions a query string
 * needs (a repeatable parameter given once is a string; booleans arrive as text),
 * plus asOf and the CSV options. `status`, `overdue` and `divergent` apply to the statuses as of asOf.
 */
export class RecommendationsExportQuery extends RecommendationFilter implements CommonExportParameters {
  asOf?: string;
  lang?: Locale;
  delimiter?: ',' | ';';
  decimal?: '.' | ',';
  formulaEscape?: boolean;
}

// Registered on the subclass only, so the GraphQL input keeps its own behaviour.
RepeatableParameter()(RecommendationsExportQuery.prototype, 'status');
RepeatableParameter()(RecommendationsExportQuery.prototype, 'kind');
BooleanParameter()(RecommendationsExportQuery.prototype, 'overdue');
BooleanParameter()(RecommendationsExportQuery.prototype, 'divergent');
withCommonExportParameters(RecommendationsExportQuery);
