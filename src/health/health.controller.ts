import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../access/access.decorators.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database readiness (503 when the database does not answer).' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const started = performance.now();
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: { ready: true, latencyMs: Math.round(performance.now() - started) } };
    } catch {
      void reply.status(503);
      return { status: 'degraded', database: { ready: false } };
    }
  }
}
