/**
 * Step 3 — the recommended shareholder current-account advance beside the SCIC's own
 * advances (rule 11: a convention, at most 24 months, renewable once, one open at a
 * time across all the SCIC's dossiers). The verdict is the API's, on the saved version.
 */
import type { Problem } from '../api/views';
import { formatCents, formatDate } from '../format';

export interface ScicAdvance {
  id: string;
  startsOn: string;
  endsOn: string;
  renewalOf: string | null;
  closedOn: string | null;
  conventionReference: string;
}

const ADVANCE_FIELD = 'instruments.currentAccountAdvance';

export function AdvanceRecommendation({
  recommended,
  advances,
  problems,
}: {
  recommended: { amountCents?: number; durationMonths?: number; renewal?: boolean } | null | undefined;
  advances: ScicAdvance[];
  problems: Problem[];
}) {
  if (!recommended && advances.length === 0) return null;
  const open = advances.find((advance) => advance.closedOn === null);
  const refusals = problems.filter((problem) => problem.field.startsWith(`${ADVANCE_FIELD}.`));
  return (
    <section aria-labelledby="advance-title" className="panel">
      <h3 id="advance-title">Avance en compte courant d’associé (version enregistrée)</h3>
      <p>
        {open
          ? `La SCIC a une avance en cours : convention « ${open.conventionReference} », du ${formatDate(open.startsOn)} au ${formatDate(open.endsOn)}${open.renewalOf ? ' (déjà un renouvellement)' : ''}.`
          : advances.length > 0
            ? `La SCIC a reçu ${advances.length === 1 ? 'une avance' : `${advances.length} avances`}, aucune en cours.`
            : 'La SCIC n’a reçu aucune avance en compte courant d’associé.'}
      </p>
      {recommended && (
        <p>
          Recommandation : {recommended.renewal ? 'renouvellement' : 'nouvelle avance'}
          {typeof recommended.amountCents === 'number' ? ` de ${formatCents(recommended.amountCents)}` : ''}
          {typeof recommended.durationMonths === 'number' ? ` sur ${recommended.durationMonths} mois` : ''}.{' '}
          {refusals.length === 0 ? (
            <strong className="ok">Conforme à la règle (convention, 24 mois au plus, renouvelable une fois).</strong>
          ) : (
            <strong className="ko">Bloquant :</strong>
          )}
        </p>
      )}
      {recommended && refusals.length > 0 && (
        <ul>
          {refusals.map((problem) => (
            <li key={`${problem.field}-${problem.code}`}>{problem.message}</li>
          ))}
        </ul>
      )}
      <p className="hint">Source : CGCT, art. L1522-5, appliqué aux SCIC par la politique du Département.</p>
    </section>
  );
}
