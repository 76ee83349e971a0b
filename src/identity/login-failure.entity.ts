import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Failed logins, counted per account and per address to throttle guessing. */
@Entity('login_failure')
@Index('IDX_login_failure_email_at', ['email', 'at'])
@Index('IDX_login_failure_ip_at', ['ip', 'at'])
export class LoginFailure {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 64 })
  ip!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
