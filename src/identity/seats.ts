/** Seat categories of the comité d'engagement (DOMAIN step 4). */
export const SEAT_CATEGORIES = [
  'DEPARTMENTAL_SERVICE',
  'MISSION_ESS',
  'CDESS_MEMBER',
  'SOLIDARITY_FINANCE_PARTNER',
  'QUALIFIED_PERSON',
] as const;
export type SeatCategory = (typeof SEAT_CATEGORIES)[number];
