/** The list of dossiers: search, filters, sort and pages live in the address (bookmarkable). */
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { DossierSummary, Orientation, Page } from '../api/views';
import { can, useMe } from '../auth';
import { ExportLinks } from '../components/ExportLinks';
import { ErrorMessage, Loading, StateBadge } from '../components/ui';
import { formatCents, formatDate, plural } from '../format';
import { useLoad, useTitle } from '../hooks';
import { ACTION_CONFIRMATIONS, SORT_LABELS, STATE_FILTERS } from '../i18n/fr';
import { Link, navigate, useLocation, withQuery } from '../router';

const PAGE_SIZE = 20;
/** The registration years offered: this year and the nine before (a bookmarked older year is kept). */
const YEARS_OFFERED = 10;

function yearsOffered(selected: string): string[] {
  const current = new Date().getFullYear();
  const years = Array.from({ length: YEARS_OFFERED }, (_, index) => String(current - index));
  if (selected && !years.includes(selected)) years.push(selected);
  return years.sort((a, b) => Number(b) - Number(a));
}

function matching(value: string | null, pattern: RegExp): string {
  return value && pattern.test(value) ? value : '';
}

export function DossiersPage() {
  useTitle('Dossiers');
  const me = useMe();
  const { role } = me;
  const { path, query } = useLocation();
  const q = query.get('q') ?? '';
  const state = query.get('etat') ?? '';
  const sort = query.get('tri') ?? '-createdAt';
  const overdue = query.get('retard') === 'oui';
  // A hand-typed address with a malformed year or code is ignored rather than refused by the API.
  const year = matching(query.get('annee'), /^\d{4}$/);
  const orientation = matching(query.get('orientation'), /^[A-Z0-9_]{1,40}$/);
  const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
  const apiQuery = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE), sort });
  if (q) apiQuery.set('q', q);
  if (state) apiQuery.set('state', state);
  if (overdue) apiQuery.set('overdue', 'true');
  if (year) apiQuery.set('year', year);
  if (orientation) apiQuery.set('orientation', orientation);
  const list = useLoad(() => api.get<Page<DossierSummary>>(`/dossiers?${apiQuery}`), apiQuery.toString());
  const orientations = useLoad(() => api.get<{ items: Orientation[] }>('/referentials/orientations'), 'orientations');
  const [search, setSearch] = useState(q);
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  const apply = (changes: Record<string, string | undefined>) =>
    navigate(withQuery(path, query, { page: undefined, ...changes }));
  const filtered = Boolean(q || state || overdue || year || orientation);
  const resetFilters = () => {
    setSearch('');
    apply({ q: undefined, etat: undefined, retard: undefined, annee: undefined, orientation: undefined });
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    apply({ q: search.trim() });
  };

  return (
    <>
      <div className="page-head">
        <h1>Dossiers</h1>
        {role === 'instructor' && (
          <Link href="/dossiers/nouveau" className="button primary">
            Enregistrer une demande
          </Link>
        )}
      </div>
      <form className="filters" role="search" onSubmit={onSearch}>
        <div className="field">
          <label htmlFor="search-q">Rechercher (nom de la SCIC, SIREN ou référence)</label>
          <input id="search-q" type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </div>
        <button type="submit" className="button primary">
          Rechercher
        </button>
        <div className="field">
          <label htmlFor="filter-state">Étape</label>
          <select id="filter-state" value={state} onChange={(event) => apply({ etat: event.target.value })}>
            <option value="">Toutes les étapes</option>
            {STATE_FILTERS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-year">Année</label>
          <select id="filter-year" value={year} onChange={(event) => apply({ annee: event.target.value })}>
            <option value="">Toutes les années</option>
            {yearsOffered(year).map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-orientation">Orientation</label>
          <select
            id="filter-orientation"
            value={orientation}
            onChange={(event) => apply({ orientation: event.target.value })}
          >
            <option value="">Toutes les orientations</option>
            {(orientations.data?.items ?? []).map((option) => (
              <option key={option.code} value={option.code}>
                {option.active ? option.label : `${option.label} (plus proposée)`}
              </option>
            ))}
            {orientation && orientations.data?.items.every((option) => option.code !== orientation) && (
              <option value={orientation}>{orientation}</option>
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-sort">Trier par</label>
          <select id="filter-sort" value={sort} onChange={(event) => apply({ tri: event.target.value })}>
            {Object.entries(SORT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field checkbox">
          <input
            id="filter-overdue"
            type="checkbox"
            checked={overdue}
            onChange={(event) => apply({ retard: event.target.checked ? 'oui' : undefined })}
          />
          <label htmlFor="filter-overdue">En retard seulement</label>
        </div>
      </form>
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <>
          <div className="page-head">
            <p role="status">{plural(list.data.total, 'result')}</p>
            {can(me, 'export.read') && list.data.total > 0 && <ExportLinks table="dossiers" what="tous les dossiers" />}
          </div>
          {list.data.total === 0 && filtered && (
            <p>
              Aucun dossier ne correspond à ces critères.{' '}
              <button type="button" className="button secondary" onClick={resetFilters}>
                {ACTION_CONFIRMATIONS.resetFilters}
              </button>
            </p>
          )}
          {list.data.items.length > 0 && (
            <table className="table">
              <caption className="visually-hidden">Dossiers, page {page}</caption>
              <thead>
                <tr>
                  <th scope="col">Référence</th>
                  <th scope="col">SCIC</th>
                  <th scope="col">Commune</th>
                  <th scope="col" className="number">
                    Montant demandé
                  </th>
                  <th scope="col">Étape</th>
                  <th scope="col">Échéance</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((dossier) => (
                  <tr key={dossier.id}>
                    <td>{dossier.reference}</td>
                    <td>
                      <Link href={`/dossiers/${dossier.id}`}>{dossier.scic.name}</Link>
                      <br />
                      <span className="muted">SIREN {dossier.scic.siren}</span>
                    </td>
                    <td>{dossier.scic.commune}</td>
                    <td className="number">{formatCents(dossier.requestedAmountCents)}</td>
                    <td>
                      <StateBadge state={dossier.state} label={dossier.stateLabel} />
                    </td>
                    <td className={dossier.overdue ? 'overdue' : undefined}>
                      {formatDate(dossier.dueDate)}
                      {dossier.overdue && ' (en retard)'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {pages > 1 && (
            <nav aria-label="Pages de résultats" className="pagination">
              <ul>
                <li>
                  {page > 1 ? (
                    <Link href={withQuery(path, query, { page: String(page - 1) })}>Page précédente</Link>
                  ) : (
                    <span aria-disabled="true">Page précédente</span>
                  )}
                </li>
                <li>
                  Page {page} sur {pages}
                </li>
                <li>
                  {page < pages ? (
                    <Link href={withQuery(path, query, { page: String(page + 1) })}>Page suivante</Link>
                  ) : (
                    <span aria-disabled="true">Page suivante</span>
                  )}
                </li>
              </ul>
            </nav>
          )}
        </>
      )}
    </>
  );
}
