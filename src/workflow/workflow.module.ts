import { Module } from '@nestjs/common';
import { DossierStoreModule } from '../dossiers/dossier-store.module.js';
import { JournalModule } from '../journal/journal.module.js';
import { FactsRegistry } from './facts.registry.js';
import { TransitionHooks } from './transition-hooks.js';
import { WorkflowController } from './workflow.controller.js';
import { WorkflowRunner } from './workflow-runner.service.js';
import { OutboxModule } from '../notifications/outbox.module.js';
import { DossierVisibilityModule } from '../access/dossier-visibility.module.js';
import { IdentityModule } from '../identity/identity.module.js';

@Module({
  imports: [DossierStoreModule, DossierVisibilityModule, IdentityModule, JournalModule, OutboxModule],
  controllers: [WorkflowController],
  providers: [FactsRegistry, TransitionHooks, WorkflowRunner],
  exports: [FactsRegistry, TransitionHooks, WorkflowRunner],
})
export class WorkflowModule {}
