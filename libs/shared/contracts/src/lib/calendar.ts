/** `GET /api/calendar`: Vigie's today on the users' calendar (Europe/Paris). */
export interface CalendarInfo {
  /** YYYY-MM-DD, today in Paris (or the day pinned by VIGIE_TODAY). */
  today: string;
  timeZone: 'Europe/Paris';
  /** True when VIGIE_TODAY pins the day (tests, demos). */
  pinned: boolean;
}
