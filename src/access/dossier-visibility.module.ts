import { Module } from '@nestjs/common';
import { DossierVisibility } from './dossier-visibility.js';

/** What a caller may see of a dossier, below every module whose routes name a dossier (no imports of its own). */
@Module({ providers: [DossierVisibility], exports: [DossierVisibility] })
export class DossierVisibilityModule {}
