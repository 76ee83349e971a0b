/**
 * Step 2 — the reserves of rule 9 as the law reads them: the legal reserve (loi 47-1775,
 * art. 16, owed until it equals the highest capital reached) and the statutory
 * indivisible reserve (art. 19 nonies, a share of what the legal reserve leaves), each
 * with the share required, the share the statutes allocate and the source.
 */
import { formatBasisPoints } from '../format';

export interface ReserveFigures {
  requiredBasisPoints: number | null;
  actualBasisPoints: number | null;
  source: string;
  legalReserveComplete?: boolean | null;
  remainderBasisPoints?: number | null;
  minimumOfRemainderBasisPoints?: number;
}

export interface CheckWithFigures {
  code: string;
  level: string;
  status: string;
  message: string;
  source: string;
  figures?: ReserveFigures;
}

const LABELS: Record<string, string> = {
  LEGAL_RESERVE: 'Réserve légale',
  STATUTORY_RESERVE: 'Réserve statutaire impartageable',
};

const STATUS: Record<string, string> = { OK: 'Conforme', FAILED: 'Bloquant', UNKNOWN: 'À renseigner' };

function rule(code: string, figures: ReserveFigures): string {
  if (code === 'LEGAL_RESERVE') {
    return figures.legalReserveComplete
      ? 'Plus exigée : la réserve légale atteint le capital le plus élevé atteint'
      : 'Au moins 15 % des excédents tant qu’elle n’atteint pas le capital le plus élevé atteint';
  }
  const remainder = figures.remainderBasisPoints;
  return `Au moins ${formatBasisPoints(figures.minimumOfRemainderBasisPoints)} du solde${
    remainder === null || remainder === undefined ? '' : ` (${formatBasisPoints(remainder)} des excédents)`
  }`;
}

export function ReserveFiguresTable({ checks }: { checks: CheckWithFigures[] }) {
  const reserves = checks.filter((check) => check.figures && LABELS[check.code]);
  if (reserves.length === 0) return null;
  return (
    <section aria-labelledby="reserves-title" className="panel">
      <h3 id="reserves-title">Réserves (version enregistrée)</h3>
      <div className="table-scroll">
        <table className="table compact">
          <caption className="visually-hidden">
            Affectation des excédents aux réserves : part exigée, part prévue par les statuts et source
          </caption>
          <thead>
            <tr>
              <th scope="col">Réserve</th>
              <th scope="col">Règle</th>
              <th scope="col" className="number">
                Part exigée des excédents
              </th>
              <th scope="col" className="number">
                Part prévue
              </th>
              <th scope="col">Résultat</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {reserves.map((check) => {
              const figures = check.figures!;
              return (
                <tr key={check.code}>
                  <th scope="row">{LABELS[check.code]}</th>
                  <td>{rule(check.code, figures)}</td>
                  <td className="number">
                    {figures.requiredBasisPoints === null ? '—' : formatBasisPoints(figures.requiredBasisPoints)}
                  </td>
                  <td className="number">
                    {figures.actualBasisPoints === null ? '—' : formatBasisPoints(figures.actualBasisPoints)}
                  </td>
                  <td className={check.status === 'OK' ? 'ok' : 'ko'}>{STATUS[check.status] ?? check.status}</td>
                  <td>« {figures.source} »</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="hint">
        La réserve statutaire est la part des réserves impartageables qui ne va pas à la réserve légale. Quand la
        réserve légale atteint le capital le plus élevé atteint, renseignez son montant et ce capital : elle n’est plus
        exigée.
      </p>
    </section>
  );
}
