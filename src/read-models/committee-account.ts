/**
 * `rm_committee_account` (migration CommitteeReadModels): each account as the committee's
 * listings show it — members, attendance, declarations, votes — ordered by display name
 * in the database's collation, and whether it holds the `committee_member` role.
 */
export const COMMITTEE_ACCOUNT_VIEW = 'rm_committee_account';

export interface CommitteeAccountRow {
  id: string;
  display_name: string;
  email: string;
  active: boolean;
  holds_role: boolean;
}
