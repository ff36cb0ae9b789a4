/** A due date moved (or set, or removed) by asOf, as the progress report lists it. */
export interface DeadlineChange {
  code: string;
  title: string;
  /** YYYY-MM-DD; null when none was set before. */
  fromDueDate: string | null;
  /** YYYY-MM-DD; null when it was removed. */
  toDueDate: string | null;
  /** The day (in the report's time zone) the change was recorded. */
  changedOn: string;
  changedBy: string | null;
}

/** The report's deadline changes: the latest `rows`, and how many there are in scope. */
export interface DeadlineChanges {
  rows: DeadlineChange[];
  total: number;
}

/** A recommendation whose official status at asOf differs from a civil-society organisation's assessment published by then. */
export interface DivergentRecommendation {
  code: string;
  title: string;
  /** The official status at the end of asOf. */
  status: string;
  /** Each organisation's latest assessment published by then, by organisation name. */
  assessments: { organization: string; status: string; assessedOn: string }[];
}

/** The report's divergence section: the first `rows`, and how many recommendations in scope diverge. */
export interface Divergences {
  rows: DivergentRecommendation[];
  total: number;
}
