/** Roles of DESIGN §8. A user may hold several; a request acts under one of them. */
export const ROLES = [
  'instructor',
  'committee_member',
  'committee_secretary',
  'elected_official',
  'admin',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who performs a request: recorded in every journal entry. */
export interface Actor {
  userId: string;
  role: Role;
  /** The credential used: `session:<id>`, `token:<id>`, or `dev` (development headers). */
  credential?: string;
  /** Elected officials: whether this one holds a signing delegation. */
  signingDelegation?: boolean;
}
