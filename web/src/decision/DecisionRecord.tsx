/**
 * A recorded decision as the API keeps it: its sitting, outcome, amount, the élus who
 * withdrew, its signature and the signed document (SHA-256, download, verification);
 * and the dossier's decisions one under the other (an adjourned one, then the next).
 */
import type { DecisionView } from '../api/views';
import { formatCents, formatDate, formatDateTime, formatInteger } from '../format';
import { DECISION_OUTCOME_LABELS, ENUM_LABELS, MESSAGES } from '../i18n/fr';
import { Link } from '../router';

/** « Commission permanente (délégation …) du 23 novembre 2026, délibération n° … ». */
export function sittingText(decision: DecisionView): string {
  const body = ENUM_LABELS[decision.body] ?? decision.body;
  const delegation = decision.delegationReference ? ` (délégation : ${decision.delegationReference})` : '';
  return `${body}${delegation}, séance du ${formatDate(decision.sessionDate)}, délibération n° ${decision.deliberationNumber}`;
}

export function amountText(decision: DecisionView): string {
  if (decision.amountCents === null) return '—';
  return `${formatCents(decision.amountCents)}${decision.shares !== null ? ` (${formatInteger(decision.shares)} parts)` : ''}`;
}

function headingOf(decision: DecisionView): string {
  if (decision.supersedesId)
    return decision.signed ? 'Décision signée (correction)' : 'Correction en attente de signature';
  if (decision.signed) return 'Décision signée';
  // An adjournment is never signed: the dossier goes back to the committee.
  if (decision.outcome === 'ADJOURNED') return 'Dernière décision : ajournement';
  return 'Décision enregistrée, en attente de signature';
}

export function DecisionDetails({
  decision,
  headingId,
  corrects,
}: {
  decision: DecisionView;
  headingId: string;
  /** The decision this one corrects, when it is known to the page. */
  corrects?: DecisionView;
}) {
  return (
    <section aria-labelledby={headingId} className="panel">
      <h2 id={headingId}>{headingOf(decision)}</h2>
      <dl className="facts">
        <div>
          <dt>Décision</dt>
          <dd>{DECISION_OUTCOME_LABELS[decision.outcome] ?? decision.outcome}</dd>
        </div>
        <div>
          <dt>Séance</dt>
          <dd>{sittingText(decision)}</dd>
        </div>
        {decision.supersedesId && (
          <div>
            <dt>Correction</dt>
            <dd>
              {corrects ? `Remplace la délibération n° ${corrects.deliberationNumber}` : 'Corrige une décision signée'}
              {decision.correctionReason && ` — motif : ${decision.correctionReason}`}
            </dd>
          </div>
        )}
        {decision.outcome === 'APPROVED' && (
          <div>
            <dt>Montant décidé</dt>
            <dd>{amountText(decision)}</dd>
          </div>
        )}
        {decision.justification && (
          <div>
            <dt>Justification de l’écart</dt>
            <dd>{decision.justification}</dd>
          </div>
        )}
        <div>
          <dt>Élus déportés</dt>
          <dd>
            {decision.recusedElectedOfficials.length
              ? decision.recusedElectedOfficials.map((official) => official.name).join(', ')
              : MESSAGES.none}
          </dd>
        </div>
        {decision.outcome === 'APPROVED' && (
          <div>
            <dt>Imputation</dt>
            <dd>
              Enveloppe {decision.envelopeYear}
              {decision.programmeReference && ` (${decision.programmeReference})`}
            </dd>
          </div>
        )}
        <div>
          <dt>Enregistrée le</dt>
          <dd>{formatDateTime(decision.recordedAt)}</dd>
        </div>
        <div>
          <dt>Signature</dt>
          <dd>
            {decision.signed
              ? `Signée le ${formatDateTime(decision.signedAt)} par ${decision.signatoryName ?? decision.signedBy}`
              : decision.outcome === 'ADJOURNED'
                ? 'Sans signature : le dossier est retourné au comité'
                : 'Pas encore signée'}
          </dd>
        </div>
      </dl>
      {decision.signed && <SignedDocument decision={decision} />}
    </section>
  );
}

/** The signed document: its SHA-256 (to verify a copy), the download, and the verification page. */
export function SignedDocument({ decision }: { decision: DecisionView }) {
  if (!decision.documentSha256) return null;
  return (
    <div className="signed-document">
      <p>
        Empreinte SHA-256 de l’acte signé :<br />
        <code className="hash" data-testid="document-sha256">
          {decision.documentSha256}
        </code>
      </p>
      <p className="document-links">
        {decision.documentUrl && (
          <a className="button secondary" href={decision.documentUrl} download>
            Télécharger l’acte signé (PDF)
          </a>
        )}{' '}
        <Link href={`/documents/verifier?sha256=${decision.documentSha256}`}>
          Vérifier un document avec cette empreinte
        </Link>
      </p>
    </div>
  );
}

/** Whether a signed correction replaced the decision. */
function replaced(decision: DecisionView, decisions: DecisionView[]): boolean {
  return decisions.some((other) => other.supersedesId === decision.id && other.signed);
}

export function DecisionHistory({ decisions }: { decisions: DecisionView[] }) {
  if (decisions.length === 0) return null;
  return (
    <section aria-labelledby="decision-history-title">
      <h2 id="decision-history-title">Historique des décisions</h2>
      <div className="table-scroll">
        <table className="table compact">
          <caption className="visually-hidden">Décisions du dossier, de la plus récente à la plus ancienne</caption>
          <thead>
            <tr>
              <th scope="col">Délibération</th>
              <th scope="col">Instance et séance</th>
              <th scope="col">Décision</th>
              <th scope="col" className="number">
                Montant
              </th>
              <th scope="col">Élus déportés</th>
              <th scope="col">Signature</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((decision) => (
              <tr key={decision.id}>
                <th scope="row">n° {decision.deliberationNumber}</th>
                <td>
                  {ENUM_LABELS[decision.body] ?? decision.body}, {formatDate(decision.sessionDate)}
                </td>
                <td>
                  {DECISION_OUTCOME_LABELS[decision.outcome] ?? decision.outcome}
                  {decision.supersedesId && (
                    <>
                      <br />
                      <span className="muted">
                        correction de la délibération n°{' '}
                        {decisions.find((other) => other.id === decision.supersedesId)?.deliberationNumber ?? '?'}
                      </span>
                    </>
                  )}
                </td>
                <td className="number">{amountText(decision)}</td>
                <td>{decision.recusedElectedOfficials.map((official) => official.name).join(', ') || MESSAGES.none}</td>
                <td>
                  {decision.signed ? (
                    <>
                      Signée le {formatDateTime(decision.signedAt)}
                      {decision.signatoryName && ` par ${decision.signatoryName}`}
                      {replaced(decision, decisions) && ' — remplacée par une correction'}
                      {/* The API serves the document of the decision in force only: a corrected one's act is not offered. */}
                      {decision.documentUrl && !replaced(decision, decisions) && (
                        <>
                          {' — '}
                          <a href={decision.documentUrl} download>
                            acte PDF
                            <span className="visually-hidden">
                              {' '}
                              de la délibération n° {decision.deliberationNumber}
                            </span>
                          </a>
                        </>
                      )}
                    </>
                  ) : decision.outcome === 'ADJOURNED' ? (
                    'Sans signature (ajournement)'
                  ) : (
                    'En attente'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
