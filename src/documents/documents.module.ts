import { Module } from '@nestjs/common';
import { DossierStoreModule } from '../dossiers/dossier-store.module.js';
import { JournalModule } from '../journal/journal.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { DocumentCatalog } from './document-catalog.service.js';
import { DocumentFactsProvider } from './document-facts.provider.js';
import { DocumentStorage } from './document-storage.service.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { DossierVisibilityModule } from '../access/dossier-visibility.module.js';

@Module({
  imports: [DossierStoreModule, JournalModule, WorkflowModule, DossierVisibilityModule],
  controllers: [DocumentsController],
  providers: [DocumentStorage, DocumentCatalog, DocumentsService, DocumentFactsProvider],
  exports: [DocumentCatalog, DocumentsService],
})
export class DocumentsModule {}
