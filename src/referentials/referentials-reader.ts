/**
 * Reads of the referentials for the other modules (typed through the entities): they
 * never name these tables in their own SQL. Each method reads through the caller's
 * manager, to see the caller's transaction.
 */
import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { DepartmentalService } from './departmental-service.entity.js';
import { PolicyOrientation } from './policy-orientation.entity.js';

export interface ServiceRef {
  code: string;
  label: string;
}

@Injectable()
export class ReferentialsReader {
  /**
   * The departmental services the given policy orientations name (active or not: a
   * dossier keeps the orientations it was attached to), by code.
   */
  async servicesOfOrientations(manager: EntityManager, orientationCodes: readonly string[]): Promise<ServiceRef[]> {
    if (orientationCodes.length === 0) return [];
    const orientations = await manager.find(PolicyOrientation, {
      where: { code: In([...orientationCodes]) },
      select: { code: true, serviceCodes: true },
    });
    const serviceCodes = [...new Set(orientations.flatMap((orientation) => orientation.serviceCodes))];
    if (serviceCodes.length === 0) return [];
    return manager.find(DepartmentalService, {
      where: { code: In(serviceCodes) },
      select: { code: true, label: true },
      order: { code: 'ASC' },
    });
  }
}
