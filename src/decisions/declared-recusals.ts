/**
 * The élus who declared an interest in the SCIC of a dossier (declarations in force):
 * they withdrew from the deliberation (DOMAIN rule 8), whether or not the clerk named
 * them. Listed in a decision when it is recorded, and added to it until it is signed.
 */
import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { DossierReader } from '../dossiers/dossier-reader.js';
import { UserDirectory } from '../identity/user-directory.js';
import type { RecusedElectedOfficial } from '../workflow/dossier.events.js';
import { withRecusals } from './decision-rows.js';
import { Decision } from './decision.entity.js';
import { SignatoryDeclaration } from './signatory-declaration.entity.js';

@Injectable()
export class DeclaredRecusals {
  constructor(
    private readonly dossiers: DossierReader,
    private readonly users: UserDirectory,
  ) {}

  /** The élus with a declared interest in the dossier's SCIC, by declaration date, named by their account. */
  async of(manager: EntityManager, dossierId: string): Promise<RecusedElectedOfficial[]> {
    const [dossier] = await this.dossiers.many([dossierId], manager);
    if (!dossier) return [];
    const declarations = await manager.find(SignatoryDeclaration, {
      select: { id: true, userId: true },
      where: { scicId: dossier.scic.id, hasInterest: true, supersededAt: IsNull() },
      order: { declaredAt: 'ASC', userId: 'ASC' },
    });
    const names = await this.users.displayNames(
      declarations.map((declaration) => declaration.userId),
      manager,
    );
    return declarations.map(({ userId }) => ({ name: names.get(userId) ?? userId, userId }));
  }

  /**
   * Before a decision is signed, adds to its élus who withdrew those who declared an
   * interest in the SCIC since it was recorded (the database lets only this list grow on
   * an unsigned decision). Returns the élus added.
   */
  async addTo(manager: EntityManager, decision: Decision): Promise<RecusedElectedOfficial[]> {
    const { list, added } = withRecusals(decision.recusedElectedOfficials, await this.of(manager, decision.dossierId));
    if (!added.length || decision.signedAt) return [];
    await manager.query('UPDATE decision SET recused_elected_officials = $2 WHERE id = $1', [
      decision.id,
      JSON.stringify(list),
    ]);
    decision.recusedElectedOfficials = list;
    return added;
  }
}
