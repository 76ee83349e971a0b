import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The response given to an event sent with an `Idempotency-Key`, so that the same key
 * sent again (a client retrying after a lost response) replays it instead of acting twice.
 */
@Entity('idempotency_record')
export class IdempotencyRecord {
  @PrimaryColumn({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  /** SHA-256 of the request body: the same key with another body is refused. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  @Column({ name: 'status_code', type: 'int' })
  statusCode!: number;

  @Column({ name: 'response_body', type: 'jsonb' })
  responseBody!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
