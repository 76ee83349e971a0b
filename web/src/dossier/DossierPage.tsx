/**
 * One dossier: its header, the five-step stepper, the actions the caller may take, and
 * one tab per step (plus the pieces and the journal). The tab is in the address.
 */
import { useState } from 'react';
import { api } from '../api/client';
import type { Dossier, JournalEntry } from '../api/views';
import { can, useMe } from '../auth';
import { ErrorMessage, Loading, Notice, StateBadge } from '../components/ui';
import { formatCents, formatDate, formatInteger } from '../format';
import { useLoad, useTitle } from '../hooks';
import { ACTION_CONFIRMATIONS, TABS } from '../i18n/fr';
import { Link, navigate, useLocation, withQuery } from '../router';
import { Actions } from './Actions';
import { AmountCheckPanel } from './AmountCheck';
import { CommitteeTab } from './CommitteeTab';
import { DecisionTab } from '../decision/DecisionTab';
import { ParticipationTab } from '../participation/ParticipationTab';
import { Documents } from './Documents';
import { ActivityTab, EconomicTab, EssPracticesTab } from './StepTabs';
import { Stepper } from './Stepper';
import { currentStep, STEP_TABS, stepOfState, visitedSteps } from './steps';
import { Timeline } from './Timeline';

const TAB_KEYS: Record<string, keyof typeof TABS> = {
  synthese: 'summary',
  activite: 'activity',
  pratiques: 'essPractices',
  economique: 'economic',
  comite: 'committee',
  decision: 'decision',
  participation: 'participation',
  pieces: 'documents',
  journal: 'journal',
};

async function loadJournal(id: string): Promise<JournalEntry[]> {
  const entries: JournalEntry[] = [];
  for (;;) {
    const after = entries.length ? entries[entries.length - 1].seq : 0;
    const page = await api.get<{ items: JournalEntry[] }>(`/dossiers/${id}/journal?afterSeq=${after}&limit=500`);
    entries.push(...page.items);
    if (page.items.length < 500) return entries;
  }
}

export function DossierPage({ id }: { id: string }) {
  const me = useMe();
  const { role } = me;
  const { path, query } = useLocation();
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState('');
  const dossier = useLoad(() => api.get<Dossier>(`/dossiers/${id}`), `${id}/${round}`);
  const journal = useLoad(() => loadJournal(id), `${id}/${round}`);
  useTitle(dossier.data ? `${dossier.data.scic.name} (${dossier.data.reference})` : 'Dossier');
  const refresh = () => setRound((value) => value + 1);

  if (dossier.error) return <ErrorMessage error={dossier.error} onRetry={dossier.reload} />;
  if (!dossier.data) return <Loading />;
  const data = dossier.data;
  const entries = journal.data ?? [];
  const step = currentStep(data.state, entries);
  const stopped = stepOfState(data.state) === null;
  const defaultTab = step !== null && step >= 0 && step < 5 ? STEP_TABS[step] : 'synthese';
  // The stake is followed once the approval is signed: before, the tab would have nothing to show.
  const tabs = Object.entries(TAB_KEYS).filter(([slug]) => slug !== 'participation' || data.state === 'approved');
  const asked = query.get('onglet') ?? '';
  const tab = tabs.some(([slug]) => slug === asked) ? asked : defaultTab;
  const isInstructor = role === 'instructor';

  return (
    <>
      <p className="breadcrumb">
        <Link href="/dossiers">Dossiers</Link> › {data.reference}
      </p>
      <header className="dossier-header">
        <h1>{data.scic.name}</h1>
        <dl className="facts">
          <div>
            <dt>Référence</dt>
            <dd>{data.reference}</dd>
          </div>
          <div>
            <dt>SIREN</dt>
            <dd>{data.scic.siren}</dd>
          </div>
          <div>
            <dt>Forme et commune</dt>
            <dd>
              {data.scic.legalForm} — {data.scic.commune}
            </dd>
          </div>
          <div>
            <dt>Montant demandé</dt>
            <dd>
              {formatCents(data.requestedAmountCents)} ({formatInteger(data.requestedShares)} parts de{' '}
              {formatCents(data.nominalShareValueCents)})
            </dd>
          </div>
          <div>
            <dt>État</dt>
            <dd>
              <StateBadge state={data.state} label={data.stateLabel} />
            </dd>
          </div>
          <div>
            <dt>Échéance de l’étape</dt>
            <dd className={data.overdue ? 'overdue' : undefined}>
              {formatDate(data.dueDate)}
              {data.overdue && ' (en retard)'}
            </dd>
          </div>
          <div>
            <dt>Version</dt>
            <dd>{data.version}</dd>
          </div>
        </dl>
        {can(me, 'report.read') && (
          <p>
            <a href={`/api/dossiers/${id}/report.pdf`}>{ACTION_CONFIRMATIONS.reportLink}</a>
          </p>
        )}
      </header>
      <Stepper current={step ?? -1} visited={visitedSteps(entries)} stopped={stopped} />
      {notice && <Notice kind="success">{notice}</Notice>}
      <Actions
        dossier={data}
        onReload={refresh}
        onDone={(label) => {
          setNotice(`Action enregistrée : ${label}.`);
          // The new step's tab opens (the address keeps no tab of the step left).
          navigate(withQuery(path, query, { onglet: undefined }), { replace: true });
          refresh();
        }}
      />
      <nav aria-label="Sections du dossier" className="tabs">
        <ul>
          {tabs.map(([slug, key]) => (
            <li key={slug}>
              <Link href={withQuery(path, query, { onglet: slug })} aria-current={slug === tab ? 'page' : undefined}>
                {TABS[key]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="tab-panel">
        {tab === 'synthese' && <AmountCheckPanel dossierId={id} requestedCents={data.requestedAmountCents} />}
        {tab === 'activite' && <ActivityTab key={data.state} dossierId={id} canEdit={isInstructor} onSaved={refresh} />}
        {tab === 'pratiques' && (
          <EssPracticesTab key={data.state} dossierId={id} canEdit={isInstructor} onSaved={refresh} />
        )}
        {tab === 'economique' && (
          <EconomicTab key={data.state} dossierId={id} canEdit={isInstructor} onSaved={refresh} />
        )}
        {tab === 'comite' && <CommitteeTab dossierId={id} />}
        {tab === 'decision' && <DecisionTab dossier={data} round={round} />}
        {tab === 'participation' && <ParticipationTab dossier={data} round={round} onChanged={refresh} />}
        {tab === 'pieces' && <Documents dossierId={id} canUpload={isInstructor} onChanged={refresh} />}
        {tab === 'journal' && <Timeline dossierId={id} journal={entries} round={round} />}
      </div>
    </>
  );
}
