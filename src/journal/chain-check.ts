/**
 * What one dossier's journal must agree with (issue 16): its hash chain, the dossier row
 * and the last signed checkpoint. The invariant, from the code that writes them: the
 * first entry is DOSSIER_CREATED (the dossier at version 1, in its initial state); every
 * transition appends one TRANSITION entry and adds 1 to the version, in one transaction;
 * data changes append entries without touching the version or the state. So version =
 * 1 + the number of TRANSITION entries, and the state is the last TRANSITION's `toState`
 * (DOSSIER_CREATED's `state` before any).
 */
import { ChainVerifier, type ChainedEntry } from './hash-chain.js';

export type ChainProblemCode =
  | 'HASH_MISMATCH'
  | 'TRUNCATED_TAIL'
  | 'CHECKPOINT_HASH_MISMATCH'
  | 'VERSION_MISMATCH'
  | 'STATE_MISMATCH'
  | 'EMPTY_JOURNAL'
  | 'DOSSIER_MISSING'
  | 'SIGNATURE_NOT_CHECKPOINTED';

export interface ChainProblem {
  code: ChainProblemCode;
  dossierId: string;
  /** The entry concerned, when there is one. */
  seq?: number;
  message: string;
  [detail: string]: unknown;
}

export interface DossierRow {
  state: string;
  version: number;
}

export interface CheckpointHead {
  /** The checkpoint that recorded this head. */
  checkpointSeq: number;
  seq: number;
  hash: string;
}

export interface DossierChainResult {
  valid: boolean;
  entries: number;
  firstBrokenSeq: number | null;
  problems: ChainProblem[];
}

const SIGNATURE_EVENTS = new Set(['SIGN']);

export class DossierChainCheck {
  private readonly chain = new ChainVerifier();
  private entries = 0;
  private transitions = 0;
  private lastSeq = 0;
  private state: string | null = null;
  private lastSignatureSeq: number | null = null;
  private hashAtCheckpoint: string | null = null;

  constructor(
    readonly dossierId: string,
    private readonly checkpoint: CheckpointHead | null,
  ) {}

  feed(entry: ChainedEntry): void {
    this.chain.feed([entry]);
    this.entries++;
    this.lastSeq = Math.max(this.lastSeq, entry.seq);
    const payload = entry.payload;
    if (entry.type === 'DOSSIER_CREATED' && typeof payload.state === 'string') this.state = payload.state;
    if (entry.type === 'TRANSITION') {
      this.transitions++;
      if (typeof payload.toState === 'string') this.state = payload.toState;
      const event = payload.event as { type?: string } | undefined;
      if (event?.type && SIGNATURE_EVENTS.has(event.type)) this.lastSignatureSeq = entry.seq;
    }
    if (entry.type === 'DECISION_CORRECTION_SIGNED') this.lastSignatureSeq = entry.seq;
    if (this.checkpoint && entry.seq === this.checkpoint.seq) this.hashAtCheckpoint = entry.hash;
  }

  /** `dossier`: the dossier's row, or null when the journal names a dossier that is gone. */
  finish(dossier: DossierRow | null): DossierChainResult {
    const { dossierId } = this;
    const chain = this.chain.result();
    const problems: ChainProblem[] = [];
    const add = (code: ChainProblemCode, message: string, details: Record<string, unknown> = {}) =>
      problems.push({ code, dossierId, message, ...details });

    if (!chain.valid) {
      add('HASH_MISMATCH', `entry ${chain.firstBrokenSeq}: sequence, link or hash does not match`, {
        seq: chain.firstBrokenSeq,
      });
    }
    if (!dossier) add('DOSSIER_MISSING', 'the journal or a checkpoint names a dossier that does not exist');
    if (this.entries === 0 && dossier) add('EMPTY_JOURNAL', 'the dossier has no journal entry');
    const checkpoint = this.checkpoint;
    if (checkpoint && this.lastSeq < checkpoint.seq) {
      add(
        'TRUNCATED_TAIL',
        `the journal ends at entry ${this.lastSeq}; checkpoint ${checkpoint.checkpointSeq} recorded entry ${checkpoint.seq}`,
        { seq: this.lastSeq, checkpointSeq: checkpoint.checkpointSeq, checkpointHeadSeq: checkpoint.seq },
      );
    } else if (checkpoint && this.hashAtCheckpoint !== checkpoint.hash) {
      add(
        'CHECKPOINT_HASH_MISMATCH',
        `entry ${checkpoint.seq} does not have the hash checkpoint ${checkpoint.checkpointSeq} recorded (recomputed hashes)`,
        { seq: checkpoint.seq, checkpointSeq: checkpoint.checkpointSeq },
      );
    }
    if (dossier && this.entries > 0) {
      if (this.transitions + 1 !== dossier.version) {
        add(
          'VERSION_MISMATCH',
          `the dossier is at version ${dossier.version} but its journal holds ${this.transitions} transitions (version ${this.transitions + 1})`,
          { version: dossier.version, transitions: this.transitions },
        );
        if (
          chain.valid &&
          this.transitions + 1 < dossier.version &&
          !problems.some((p) => p.code === 'TRUNCATED_TAIL')
        ) {
          add('TRUNCATED_TAIL', `the journal ends at entry ${this.lastSeq} and lacks the dossier's last transitions`, {
            seq: this.lastSeq,
          });
        }
      }
      if (this.state !== dossier.state) {
        add('STATE_MISMATCH', `the dossier is in ${dossier.state} but its journal ends in ${this.state}`, {
          dossierState: dossier.state,
          journalState: this.state,
        });
      }
    }
    if (this.lastSignatureSeq !== null && (!checkpoint || checkpoint.seq < this.lastSignatureSeq)) {
      add('SIGNATURE_NOT_CHECKPOINTED', `no checkpoint since the signature at entry ${this.lastSignatureSeq}`, {
        seq: this.lastSignatureSeq,
      });
    }
    return { valid: problems.length === 0, entries: this.entries, firstBrokenSeq: chain.firstBrokenSeq, problems };
  }
}
