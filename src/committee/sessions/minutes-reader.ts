/** Whether the committee issued minutes with a given hash (the documents' verification). */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CommitteeSession } from './committee-session.entity.js';

@Injectable()
export class MinutesReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The closed session whose minutes have this SHA-256 (lower case), or null. */
  async issuedWithHash(sha256: string): Promise<{ sessionId: string; closedAt: Date } | null> {
    const session = await this.dataSource.manager.findOne(CommitteeSession, {
      select: { id: true, closedAt: true },
      where: { minutesSha256: sha256 },
    });
    return session ? { sessionId: session.id, closedAt: session.closedAt as Date } : null;
  }
}
