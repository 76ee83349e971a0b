import { Module } from '@nestjs/common';
import { JournalModule } from '../journal/journal.module.js';
import { FactsRegistry } from './facts.registry.js';
import { WorkflowController } from './workflow.controller.js';
import { WorkflowRunner } from './workflow-runner.service.js';

@Module({
  imports: [JournalModule],
  controllers: [WorkflowController],
  providers: [FactsRegistry, WorkflowRunner],
  exports: [FactsRegistry, WorkflowRunner],
})
export class WorkflowModule {}
