import { Module } from '@nestjs/common';
import { DossierStoreModule } from '../dossiers/dossier-store.module.js';
import { DossierVisibility } from './dossier-visibility.js';

/**
 * Per-dossier visibility: the rule, and the registry where feature modules plug their part
 * (the committee's agendas); the guard of the dossier routes (`RequireDossierPermission`)
 * reads it, so every module with a dossier route imports this one. Imports only the
 * dossier table's lowest layer, so that any module may import it.
 */
@Module({
  imports: [DossierStoreModule],
  providers: [DossierVisibility],
  exports: [DossierVisibility],
})
export class DossierVisibilityModule {}
