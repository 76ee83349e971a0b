import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { DeadlinesService } from './deadlines.service.js';
import { OutboxModule } from '../notifications/outbox.module.js';

@Module({
  imports: [WorkflowModule, OutboxModule],
  providers: [DeadlinesService],
  exports: [DeadlinesService],
})
export class DeadlinesModule {}
