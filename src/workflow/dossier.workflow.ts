/**
 * Pure operations on persisted dossier snapshots: revive, decide, describe. The runner
 * wraps them in a database transaction; tests call them directly.
 */
import {
  createActor,
  transition,
  __unsafe_getAllOwnEventDescriptors as ownEventDescriptors,
  type SnapshotFrom,
} from 'xstate';
import { PERMISSION_ROLES, type Permission } from '../access/permissions.js';
import type { Role } from '../common/actor.js';
import {
  DOSSIER_EVENT_TYPES,
  INSTRUCTION_STEPS,
  type DossierCommand,
  type DossierEvent,
  type DossierEventType,
  type DossierFacts,
  type InstructionStep,
  type Problem,
} from './dossier.events.js';
import { DOSSIER_MACHINE_VERSION, dossierMachine, type OutboxTopic } from './dossier.machine.js';
import { factProblems, payloadProblems } from './dossier.requirements.js';

export type DossierSnapshot = SnapshotFrom<typeof dossierMachine>;
/** The JSON stored in `dossier.snapshot`. */
export type PersistedSnapshot = Record<string, unknown>;

/** The permission to send an event, `event.<TYPE>` of the one permission map. */
export function eventPermission(type: DossierEventType): Permission {
  // Typed so that an event without its permission in the map does not compile.
  const permission: `${Permission}` = `event.${type}`;
  return permission as Permission;
}

/** The "who" column of DESIGN §4: the roles that may send each event, read from the permission map. */
export const EVENT_ROLES: { readonly [type in DossierEventType]: readonly Role[] } = Object.fromEntries(
  DOSSIER_EVENT_TYPES.map((type) => [type, PERMISSION_ROLES[eventPermission(type)]]),
) as Record<DossierEventType, readonly Role[]>;

/** French labels of the states, as the interface shows them. */
export const STATE_LABELS: Record<string, string> = {
  draft: 'Brouillon',
  'instruction.activity': 'Étape 1 — Analyse des indicateurs d’activité',
  'instruction.essPractices': 'Étape 2 — Pratiques d’ESS',
  'instruction.economic': 'Étape 3 — Analyse économique',
  awaitingComplements: 'En attente de compléments',
  'committee.awaitingSession': 'Étape 4 — Comité d’engagement : en attente de séance',
  'committee.scheduled': 'Étape 4 — Comité d’engagement : inscrit à l’ordre du jour',
  'decision.awaitingDeliberation': 'Étape 5 — Décision des élus : en attente de délibération',
  'decision.decided': 'Étape 5 — Décision des élus : décidé, en attente de signature',
  approved: 'Participation approuvée',
  rejected: 'Participation refusée',
  withdrawn: 'Désistement',
  closed: 'Classé sans suite',
};

/** The dotted name of the (single) active leaf state, e.g. `instruction.activity`. */
export function stateName(snapshot: DossierSnapshot): string {
  const value = snapshot.value as string | Record<string, string>;
  if (typeof value === 'string') return value;
  const [parent] = Object.keys(value);
  return `${parent}.${value[parent]}`;
}

export function currentInstructionStep(snapshot: DossierSnapshot): InstructionStep | undefined {
  const name = stateName(snapshot);
  return INSTRUCTION_STEPS.find((step) => name === `instruction.${step}`);
}

export function initialPersistedSnapshot(): { state: string; snapshot: PersistedSnapshot } {
  const snapshot = createActor(dossierMachine).getSnapshot();
  return { state: stateName(snapshot), snapshot: persist(snapshot) };
}

function persist(snapshot: DossierSnapshot): PersistedSnapshot {
  return dossierMachine.getPersistedSnapshot(snapshot) as PersistedSnapshot;
}

/**
 * Revives a stored snapshot. `createActor(..., { snapshot })` restores the history
 * values that `machine.resolveState` would lose (RECEIVE_COMPLEMENTS needs them).
 */
export function revive(persisted: PersistedSnapshot): DossierSnapshot {
  return createActor(dossierMachine, { snapshot: persisted as never }).getSnapshot();
}

/** Events that have a transition from the current state, whatever their conditions. */
export function eventsOfState(snapshot: DossierSnapshot): DossierEventType[] {
  if (snapshot.status !== 'active') return [];
  const own = new Set<string>(ownEventDescriptors(snapshot));
  return DOSSIER_EVENT_TYPES.filter((type) => own.has(type));
}

/** Events of the current state that the given role may send. */
export function allowedEventsFor(snapshot: DossierSnapshot, roles: readonly Role[]): DossierEventType[] {
  return eventsOfState(snapshot).filter((type) => EVENT_ROLES[type].some((role) => roles.includes(role)));
}

export type Decision =
  | {
      kind: 'accepted';
      fromState: string;
      toState: string;
      snapshot: PersistedSnapshot;
      outbox: OutboxTopic[];
    }
  | { kind: 'notAllowed'; currentState: string; allowedEvents: DossierEventType[] }
  /** The command itself is wrong (blank reason, past date…): a validation error. */
  | { kind: 'invalidCommand'; currentState: string; problems: Problem[] }
  /** The dossier does not meet the conditions yet (analysis incomplete…). */
  | { kind: 'conditionsNotMet'; currentState: string; problems: Problem[] };

/**
 * Decides what `command` does to the dossier, given the facts. Pure: same inputs, same
 * answer; nothing is executed.
 */
export function decide(persisted: PersistedSnapshot, command: DossierCommand, facts: DossierFacts): Decision {
  const snapshot = revive(persisted);
  const currentState = stateName(snapshot);
  const available = eventsOfState(snapshot);
  if (!available.includes(command.type)) {
    return { kind: 'notAllowed', currentState, allowedEvents: available };
  }
  const event = { ...command, facts } as DossierEvent;
  if (!snapshot.can(event)) {
    const invalid = payloadProblems(event, currentInstructionStep(snapshot));
    if (invalid.length) return { kind: 'invalidCommand', currentState, problems: invalid };
    const unmet = factProblems(event);
    return {
      kind: 'conditionsNotMet',
      currentState,
      problems: unmet.length
        ? unmet
        : [
            {
              field: 'type',
              code: 'CONDITIONS_NOT_MET',
              message: 'Les conditions de cette action ne sont pas réunies.',
            },
          ],
    };
  }
  const [next, actions] = transition(dossierMachine, snapshot, event);
  const outbox = actions
    .filter((action) => action.type === 'emit')
    .map((action) => (action.params as { topic: OutboxTopic }).topic);
  return { kind: 'accepted', fromState: currentState, toState: stateName(next), snapshot: persist(next), outbox };
}

/** Upgrades a snapshot stored by an older machine version, one version at a time. */
export type SnapshotMigration = (snapshot: PersistedSnapshot) => PersistedSnapshot;

/**
 * `migrations[n]` turns a version-n snapshot into a version-(n+1) one. Version 1 is the
 * first, so there is none yet; a new machine version adds its function here and a test
 * restores every stored shape.
 */
export const SNAPSHOT_MIGRATIONS: Readonly<Record<number, SnapshotMigration>> = {};

export function migrateSnapshot(
  snapshot: PersistedSnapshot,
  fromVersion: number,
  toVersion: number = DOSSIER_MACHINE_VERSION,
  migrations: Readonly<Record<number, SnapshotMigration>> = SNAPSHOT_MIGRATIONS,
): PersistedSnapshot {
  if (fromVersion > toVersion) {
    throw new Error(`Snapshot version ${fromVersion} is newer than the machine (${toVersion}).`);
  }
  let migrated = snapshot;
  for (let version = fromVersion; version < toVersion; version++) {
    const step = migrations[version];
    if (!step) throw new Error(`No snapshot migration from machine version ${version}.`);
    migrated = step(migrated);
  }
  return migrated;
}
