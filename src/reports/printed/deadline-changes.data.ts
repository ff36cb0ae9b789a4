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
