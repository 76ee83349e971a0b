import { Controller, Get, HttpCode, Inject, Injectable, Param, Post, Query } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { IdPipe } from '../common/id.pipe.js';
import { CurrentActor, RequirePermission } from '../access/access.decorators.js';
import { Permission } from '../access/permissions.js';
import { OutboxWorker } from './outbox-worker.service.js';

@Injectable()
class NotificationIdPipe extends IdPipe {
  constructor() {
    super(ErrorCode.NotificationNotFound);
  }
}

@Injectable()
class OutboxMessageIdPipe extends IdPipe {
  constructor() {
    super(ErrorCode.OutboxMessageNotFound);
  }
}

export class OutboxQuery {
  @ApiPropertyOptional({ enum: ['pending', 'sending', 'done', 'failed'], default: 'failed' })
  @IsOptional()
  @IsIn(['pending', 'sending', 'done', 'failed'], { message: 'status doit être pending, sending, done ou failed.' })
  status?: string;
}

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly worker: OutboxWorker,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('notifications')
  @RequirePermission(Permission.OwnAccount)
  @ApiOperation({ summary: 'The caller’s in-app notifications, unread first, newest first (100 at most).' })
  async mine(@CurrentActor() actor: Actor) {
    const items = await this.dataSource.query(
      `SELECT id, dossier_id AS "dossierId", kind, subject, body_text AS "text", created_at AS "createdAt",
              sent_at AS "emailedAt", read_at AS "readAt"
         FROM notification WHERE user_id::text = $1 ORDER BY (read_at IS NULL) DESC, created_at DESC LIMIT 100`,
      [actor.userId],
    );
    return { items };
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @RequirePermission(Permission.OwnAccount)
  @ApiOperation({ summary: 'Marks one of the caller’s notifications as read.' })
  async read(@Param('id', NotificationIdPipe) id: string, @CurrentActor() actor: Actor) {
    const result = await this.dataSource.query(
      `UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id::text = $2 RETURNING id`,
      [id, actor.userId],
    );
    if (!(result as unknown[][])[0]?.length) throw new DomainError(ErrorCode.NotificationNotFound, { id });
    return { read: true };
  }

  @Get('admin/outbox')
  @RequirePermission(Permission.OutboxManage)
  @ApiOperation({ summary: 'Outbox messages by status (failed by default), newest first (200 at most).' })
  async outbox(@Query() query: OutboxQuery) {
    const items = await this.dataSource.query(
      `SELECT id, dossier_id AS "dossierId", topic, status, attempts, last_error AS "lastError",
              available_at AS "availableAt", created_at AS "createdAt", processed_at AS "processedAt"
         FROM outbox_message WHERE status = $1 ORDER BY created_at DESC LIMIT 200`,
      [query.status ?? 'failed'],
    );
    return { items };
  }

  @Post('admin/outbox/:id/retry')
  @HttpCode(200)
  @RequirePermission(Permission.OutboxManage)
  @ApiOperation({ summary: 'Puts a failed message back in the queue, with its attempts reset.' })
  async retry(@Param('id', OutboxMessageIdPipe) id: string) {
    const result = await this.dataSource.query(
      `UPDATE outbox_message SET status = 'pending', attempts = 0, available_at = $2, last_error = NULL
        WHERE id = $1 AND status = 'failed' RETURNING id`,
      [id, this.clock.now()],
    );
    if (!(result as unknown[][])[0]?.length)
      throw new DomainError(ErrorCode.OutboxMessageNotFound, { id, status: 'failed' });
    void this.worker.runOnce().catch(() => undefined);
    return { requeued: true };
  }
}
