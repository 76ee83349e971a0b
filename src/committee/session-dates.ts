/**
 * The committee sessions' dates, for the modules that tell people about a session (the
 * notifications): they never name the committee's tables in their own SQL.
 */
import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CommitteeSession } from './sessions/committee-session.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class SessionDates {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The session's date (YYYY-MM-DD), or null when there is no such session. */
  async dateOf(sessionId: string): Promise<string | null> {
    if (!UUID.test(sessionId)) return null;
    const session = await this.dataSource.manager.findOne(CommitteeSession, {
      select: { id: true, sessionDate: true },
      where: { id: sessionId },
    });
    return session?.sessionDate ?? null;
  }
}

/** Below every module that names a session's date (no imports of its own). */
@Module({ providers: [SessionDates], exports: [SessionDates] })
export class SessionDatesModule {}
