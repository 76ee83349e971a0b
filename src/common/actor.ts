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

/**
 * How a caller proved again who they are just before an act that needs it (signing):
 * the password typed again, or a password login less than five minutes old. Test and
 * tooling identities (`dev`) are trusted as they are.
 */
export interface Reauthentication {
  method: 'PASSWORD' | 'RECENT_LOGIN' | 'DEV_IDENTITY';
  /** When the password was checked (ISO 8601). */
  at: string;
}

/** Who performs a request: recorded in every journal entry. */
export interface Actor {
  userId: string;
  role: Role;
  /** The credential used: `session:<id>`, `token:<id>`, or `dev` (development headers). */
  credential?: string;
  /**
   * Elected officials: whether this one holds a signing delegation in force today
   * (recorded, confirmed by a second administrator, not revoked, within its dates).
   */
  signingDelegation?: boolean;
  /**
   * The scopes of those delegations (`ALL`, or one deciding body's decisions); absent for
   * the development identity, which is not limited.
   */
  signingDelegationScopes?: string[];
  /** Set for acts that need it (signing), once the caller re-authenticated. */
  reauthentication?: Reauthentication;
  /** The account's password was reset by an administrator and must be changed first. */
  mustChangePassword?: boolean;
}
