/** An advance as the API answers it: dates as ISO strings, `open` while not closed. */
import type { ShareholderAdvance } from './shareholder-advance.entity.js';

export function advanceView(advance: ShareholderAdvance, dossierReference: string | null) {
  return {
    id: advance.id,
    dossierId: advance.dossierId,
    dossierReference,
    conventionReference: advance.conventionReference,
    conventionDate: advance.conventionDate,
    amountCents: advance.amountCents,
    startsOn: advance.startsOn,
    termMonths: advance.termMonths,
    endsOn: advance.endsOn,
    renewalOf: advance.renewalOf,
    open: advance.closedOn === null,
    closedOn: advance.closedOn,
    closingReason: advance.closingReason,
    closedBy: advance.closedBy,
    closedAt: advance.closedAt ? advance.closedAt.toISOString() : null,
    recordedBy: advance.recordedBy,
    recordedAt: advance.recordedAt.toISOString(),
  };
}
