/**
 * The Département's portfolio: one row per signed approval in force (a signed correction
 * replaces the decision it corrects), what was subscribed and paid, the share of the
 * SCIC's capital after subscription, and the server's CSV and XLSX exports.
 */
import { api } from '../api/client';
import type { Stake } from '../api/views';
import { ExportLinks } from '../components/ExportLinks';
import { ErrorMessage, Loading } from '../components/ui';
import { formatBasisPoints, formatCents, formatDate, formatInteger, plural } from '../format';
import { useLoad, useTitle } from '../hooks';
import { Link } from '../router';

export function PortfolioPage() {
  useTitle('Portefeuille');
  const stakes = useLoad(() => api.get<Stake[]>('/portfolio'), 'portfolio');

  return (
    <>
      <div className="page-head">
        <h1>Portefeuille des participations</h1>
        <ExportLinks table="portfolio" what="le portefeuille" />
      </div>
      <p>
        Les participations du Département au capital des SCIC : une ligne par décision d’approbation signée en vigueur
        (une correction signée remplace la décision qu’elle corrige).
      </p>
      {stakes.error && <ErrorMessage error={stakes.error} onRetry={stakes.reload} />}
      {!stakes.data && !stakes.error && <Loading />}
      {stakes.data && <StakeTable stakes={stakes.data} />}
    </>
  );
}

function StakeTable({ stakes }: { stakes: Stake[] }) {
  if (stakes.length === 0) return <p role="status">Aucune participation n’est encore décidée et signée.</p>;
  const sum = (pick: (stake: Stake) => number) => stakes.reduce((total, stake) => total + pick(stake), 0);
  return (
    <>
      <p role="status">{plural(stakes.length, 'stake')}</p>
      <div className="table-scroll">
        <table className="table compact">
          <caption className="visually-hidden">Participations au capital des SCIC, avec leurs totaux</caption>
          <thead>
            <tr>
              <th scope="col">Référence</th>
              <th scope="col">SCIC</th>
              <th scope="col">SIREN</th>
              <th scope="col">Délibération et date</th>
              <th scope="col" className="number">
                Parts
              </th>
              <th scope="col" className="number">
                Souscrit
              </th>
              <th scope="col" className="number">
                Versé
              </th>
              <th scope="col" className="number">
                Part du capital
              </th>
              <th scope="col">Souscription et caractère exécutoire</th>
            </tr>
          </thead>
          <tbody>
            {stakes.map((stake) => (
              <tr key={stake.dossierId}>
                <th scope="row" className="nowrap">
                  <Link href={`/dossiers/${stake.dossierId}?onglet=participation`}>{stake.reference}</Link>
                </th>
                <td>
                  {stake.scicName}
                  <br />
                  <span className="muted">{stake.commune}</span>
                </td>
                <td>{stake.siren}</td>
                <td>
                  n° {stake.deliberationNumber}
                  <br />
                  <span className="muted">signée le {formatDate(stake.decidedOn)}</span>
                </td>
                <td className="number">{formatInteger(stake.shares)}</td>
                <td className="number">{formatCents(stake.subscribedAmountCents)}</td>
                <td className="number">{formatCents(stake.paidAmountCents)}</td>
                <td className="number">{formatBasisPoints(stake.shareOfCapitalBasisPoints)}</td>
                <td>
                  {stake.subscriptionSignedOn
                    ? `Bulletin signé le ${formatDate(stake.subscriptionSignedOn)}`
                    : 'Bulletin non signé'}
                  <br />
                  <span className="muted">
                    {stake.executoryOn ? `Exécutoire le ${formatDate(stake.executoryOn)}` : 'Pas encore exécutoire'}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                Total
              </th>
              <td className="number">{formatInteger(sum((stake) => stake.shares))}</td>
              <td className="number">{formatCents(sum((stake) => stake.subscribedAmountCents))}</td>
              <td className="number">{formatCents(sum((stake) => stake.paidAmountCents))}</td>
              <td colSpan={2} />
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
