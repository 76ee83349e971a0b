import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type CredentialKind = 'session' | 'token';

/**
 * A web session (HTTP-only cookie) or a personal API token. Only the SHA-256 of the
 * secret is stored: a copy of the table opens no session.
 */
@Entity('auth_credential')
@Index('IDX_auth_credential_user', ['userId'])
// Every API token ends (issue 16): none lives on forever.
@Check('CHK_auth_credential_token_expires', `"kind" <> 'token' OR "expires_at" IS NOT NULL`)
export class AuthCredential {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: CredentialKind;

  @Index('UQ_auth_credential_secret', { unique: true })
  @Column({ name: 'secret_hash', type: 'char', length: 64 })
  secretHash!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** The role the credential acts under (a session may switch it; a token may not). */
  @Column({ type: 'varchar', length: 32 })
  role!: string;

  /** A token's name, shown in its owner's list. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  name!: string | null;

  /** Sessions only: SHA-256 of the CSRF token state-changing requests must echo. */
  @Column({ name: 'csrf_hash', type: 'char', length: 64, nullable: true })
  csrfHash!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz' })
  lastUsedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /**
   * Sessions only: when the user's password was last checked for it (login, or a
   * confirmation). Signing and creating a token need it less than five minutes old.
   */
  @Column({ name: 'authenticated_at', type: 'timestamptz', nullable: true })
  authenticatedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
