import { Module } from '@nestjs/common';
import { DossierLock } from './dossier-lock.js';
import { DossierStore } from './dossier-store.js';

/**
 * The dossier table's lowest layer: its row lock and the workflow's writes. Apart from
 * `DossiersModule` (which sits above the workflow) so that the workflow, the journal's
 * writers and every step can take the lock without an import circle.
 */
@Module({
  providers: [DossierLock, DossierStore],
  exports: [DossierLock, DossierStore],
})
export class DossierStoreModule {}
