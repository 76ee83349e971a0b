import { Module } from '@nestjs/common';
import { DossierLock } from './dossier-lock.js';
import { DossierReader } from './dossier-reader.js';
import { DossierStore } from './dossier-store.js';
import { ScicLock } from './scic-lock.js';

/**
 * The dossier and SCIC tables' lowest layer: the row lock, the reads other modules
 * need, and the workflow's writes. Apart from
 * `DossiersModule` (which sits above the workflow) so that the workflow, the journal's
 * writers and every step can take the lock without an import circle.
 */
@Module({
  providers: [DossierLock, DossierReader, DossierStore, ScicLock],
  exports: [DossierLock, DossierReader, DossierStore, ScicLock],
})
export class DossierStoreModule {}
