/**
 * One permission per action and the roles that hold it: authorization is reviewed here
 * and nowhere else. Workflow events are further restricted per event by EVENT_ROLES
 * (the "who" column of DESIGN §4), checked by the workflow runner.
 */
import { ROLES, type Role } from '../common/actor.js';

export enum Permission {
  DossierCreate = 'dossier.create',
  DossierRead = 'dossier.read',
  DossierEventSend = 'dossier.event.send',
  JournalRead = 'journal.read',
  /** One's own session, role and API tokens. */
  OwnAccount = 'account.own',
  UserManage = 'user.manage',
  /** The outbox of side effects: failed deliveries and their retry. */
  OutboxManage = 'outbox.manage',
}

export const PERMISSION_ROLES: { readonly [permission in Permission]: readonly Role[] } = {
  [Permission.DossierCreate]: ['instructor'],
  [Permission.DossierRead]: ROLES,
  [Permission.DossierEventSend]: ['instructor', 'committee_secretary', 'elected_official'],
  [Permission.JournalRead]: ROLES,
  [Permission.OwnAccount]: ROLES,
  [Permission.UserManage]: ['admin'],
  [Permission.OutboxManage]: ['admin'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return PERMISSION_ROLES[permission].includes(role);
}
