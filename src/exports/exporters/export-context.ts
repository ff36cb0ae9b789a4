/** What every export is computed against: "today" and the time zone timestamps are shown in (APP_TIMEZONE). */
export interface ExportContext {
  today: string;
  timeZone: string;
}
