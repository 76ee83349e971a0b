import { Module } from '@nestjs/common';
import { DossierExport } from './dossier-export.js';
import { DossierListing } from './dossier-listing.js';

/**
 * The readers of the read models (views created by migrations, one file each). Imports
 * nothing from the application, so that any module may import it.
 */
@Module({
  providers: [DossierListing, DossierExport],
  exports: [DossierListing, DossierExport],
})
export class ReadModelsModule {}
