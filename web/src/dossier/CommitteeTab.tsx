/**
 * A dossier before the committee: the composition (seats filled and missing), the
 * declarations of interest — which concern the SCIC, every dossier of its SIREN — and
 * the votes with their tally; a member declares (or withdraws an interest, with a
 * reason) and votes here; the opinions given.
 */
import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client';
import { useMe } from '../auth';
import { describedBy, FieldErrors, fieldErrorMap } from '../components/fields';
import { ErrorMessage, Loading, Notice } from '../components/ui';
import { formatCents, formatDateTime } from '../format';
import { useLoad } from '../hooks';
import { COMMITTEE_DECLARATION, ENUM_LABELS, MESSAGES } from '../i18n/fr';
import type { VoteTally } from '../api/views';
import { describeTally } from './tally';

interface Composition {
  sessionId: string | null;
  complete: boolean;
  seats: { label: string; member: { displayName: string } | null }[];
  missing: { label: string }[];
  recused: { displayName: string }[];
  undeclared: { displayName: string }[];
  frozen: boolean;
}

type DeclarationStatus = 'NONE' | 'INTEREST' | null;

interface Declaration {
  userId: string;
  displayName?: string;
  /** NONE: declared no interest · INTEREST: déporté · null: not declared yet. */
  status: DeclarationStatus;
  recused?: boolean;
  nature: string | null;
  natureLabel?: string | null;
  declaredAt?: string | null;
  declaredThrough?: string | null;
  withdrawalReason?: string | null;
}

interface Declarations {
  sessionId: string | null;
  declarations: Declaration[];
}

/** The three states of a declaration, as the API gives them (nothing is assumed for a member who has not declared). */
function declarationState(entry: Declaration | undefined): DeclarationStatus {
  if (!entry) return null;
  if (entry.status === 'INTEREST' || entry.recused === true) return 'INTEREST';
  return entry.status === 'NONE' ? 'NONE' : null;
}

function natureOf(entry: Declaration): string {
  return entry.natureLabel ?? ENUM_LABELS[entry.nature ?? ''] ?? entry.nature ?? '';
}

function describeDeclaration(entry: Declaration): string {
  const state = declarationState(entry);
  if (state === 'INTEREST') return COMMITTEE_DECLARATION.interest(natureOf(entry));
  return state === 'NONE' ? COMMITTEE_DECLARATION.noInterest : COMMITTEE_DECLARATION.undeclared;
}

interface Votes {
  votes: { userId: string; displayName?: string; position: string; withdrawn?: boolean }[];
  tally: Record<string, number>;
  majority: VoteTally | null;
}

interface Opinion {
  opinion: string;
  motivation: string;
  proposedAmountCents: number | null;
  conditions: string | null;
  voteTally?: VoteTally | null;
  recordedAt?: string;
}

export function CommitteeTab({ dossierId, sessionId }: { dossierId: string; sessionId?: string }) {
  const { role, user } = useMe();
  const [round, setRound] = useState(0);
  const suffix = sessionId ? `?sessionId=${sessionId}` : '';
  const key = `${dossierId}/${round}`;
  const composition = useLoad(() => api.get<Composition>(`/dossiers/${dossierId}/committee/composition${suffix}`), key);
  const declarations = useLoad(
    () => api.get<Declarations>(`/dossiers/${dossierId}/interest-declarations${suffix}`),
    key,
  );
  const votes = useLoad(() => api.get<Votes>(`/dossiers/${dossierId}/votes${suffix}`), key);
  const opinions = useLoad(() => api.get<Opinion[]>(`/dossiers/${dossierId}/opinion`), key);
  const [memberNotice, setMemberNotice] = useState('');
  const refresh = () => setRound((value) => value + 1);
  const mine = declarations.data?.declarations.find((entry) => entry.userId === user.id);
  const myVote = votes.data?.votes.find((entry) => entry.userId === user.id && !entry.withdrawn)?.position ?? '';
  const headingId = `committee-${dossierId}`;

  return (
    <section aria-labelledby={headingId} className="committee">
      <h2 id={headingId}>Comité d’engagement</h2>
      {composition.error && composition.error.status !== 404 && <ErrorMessage error={composition.error} />}
      {composition.loading && !composition.data && <Loading />}
      {composition.data && (
        <>
          <h3>Composition pour ce dossier</h3>
          <p>
            {composition.data.complete
              ? 'Composition complète : le comité peut rendre son avis.'
              : `Composition incomplète : il manque ${composition.data.missing.map((seat) => seat.label).join(', ')}.`}
          </p>
          <ul className="checks">
            {composition.data.seats.map((seat, index) => (
              <li key={index} className={`check check-${seat.member ? 'ok' : 'ko'}`}>
                <span className="check-mark">{seat.member ? 'Pourvu' : 'Manquant'}</span> — {seat.label}
                {seat.member && ` : ${seat.member.displayName}`}
              </li>
            ))}
          </ul>
          {composition.data.recused.length > 0 && (
            <p>Déportés : {composition.data.recused.map((member) => member.displayName).join(', ')}.</p>
          )}
          {composition.data.undeclared.length > 0 && (
            <p>
              Présents sans déclaration d’intérêts :{' '}
              {composition.data.undeclared.map((member) => member.displayName).join(', ')}.
            </p>
          )}
        </>
      )}
      {declarations.data && (
        <>
          <h3>Déclarations d’intérêts dans la SCIC</h3>
          <p className="hint">
            Une déclaration vaut pour la SCIC, donc pour tous ses dossiers et toutes les séances, jusqu’à son retrait.
          </p>
          {declarations.data.declarations.length === 0 ? (
            <p>Aucune déclaration.</p>
          ) : (
            <ul>
              {declarations.data.declarations.map((entry) => (
                <li key={entry.userId}>
                  {entry.displayName ?? entry.userId} : {describeDeclaration(entry)}
                  {entry.declaredThrough && ` (déclaration faite sur le dossier ${entry.declaredThrough})`}
                  {entry.withdrawalReason && ` — intérêt retiré : ${entry.withdrawalReason}`}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {role === 'committee_member' && !composition.data?.frozen && declarations.data && votes.data && (
        <>
          {memberNotice && <Notice kind="success">{memberNotice}</Notice>}
          <MemberForms
            // Re-initialised from the API's answer whenever the member's declaration or vote changes.
            key={`${declarationState(mine) ?? 'undeclared'}/${mine?.nature ?? ''}/${myVote}`}
            dossierId={dossierId}
            mine={mine}
            myVote={myVote}
            onDone={(message) => {
              setMemberNotice(message);
              refresh();
            }}
          />
        </>
      )}
      {votes.data && (
        <>
          <h3>Votes</h3>
          <p>
            {Object.entries(votes.data.tally)
              .map(([position, count]) => `${ENUM_LABELS[position] ?? position} : ${count}`)
              .join(' · ')}
          </p>
          <p>
            Décompte des voix des membres siégeant :{' '}
            {votes.data.majority ? describeTally(votes.data.majority) : 'aucun vote'}.
          </p>
        </>
      )}
      {opinions.data && opinions.data.length > 0 && (
        <>
          <h3>Avis rendus</h3>
          <ul>
            {opinions.data.map((opinion, index) => (
              <li key={index}>
                <strong>{ENUM_LABELS[opinion.opinion] ?? opinion.opinion}</strong>
                {opinion.proposedAmountCents !== null &&
                  ` — montant proposé ${formatCents(opinion.proposedAmountCents)}`}
                {opinion.recordedAt && ` — ${formatDateTime(opinion.recordedAt)}`}
                {opinion.voteTally && ` — votes : ${describeTally(opinion.voteTally)}`}
                <br />
                {opinion.motivation}
                {opinion.conditions && (
                  <>
                    <br />
                    Conditions : {opinion.conditions}
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** A member's own declaration (a withdrawn interest needs a reason), then their vote. */
function MemberForms({
  dossierId,
  mine,
  myVote,
  onDone,
}: {
  dossierId: string;
  mine: Declaration | undefined;
  myVote: string;
  onDone(message: string): void;
}) {
  const status = declarationState(mine);
  const declared = status !== null;
  const [hasInterest, setHasInterest] = useState(status === 'INTEREST' ? 'true' : status === 'NONE' ? 'false' : '');
  const [nature, setNature] = useState(status === 'INTEREST' ? (mine?.nature ?? '') : '');
  const [withdrawalReason, setWithdrawalReason] = useState('');
  const withdrawing = status === 'INTEREST' && hasInterest === 'false';
  const [position, setPosition] = useState(myVote);
  const [error, setError] = useState<ApiError>();
  const errors = fieldErrorMap(error);
  const send = async (path: string, body: unknown, message: string) => {
    setError(undefined);
    try {
      await api.put(`/dossiers/${dossierId}/${path}`, body);
      onDone(message);
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  const declare = (event: FormEvent) => {
    event.preventDefault();
    void send(
      'interest-declarations',
      {
        hasInterest: hasInterest === 'true',
        ...(hasInterest === 'true' && nature ? { nature } : {}),
        ...(withdrawing ? { withdrawalReason } : {}),
      },
      'Déclaration enregistrée.',
    );
  };
  const vote = (event: FormEvent) => {
    event.preventDefault();
    void send('votes', { position }, 'Vote enregistré.');
  };
  return (
    <div className="panel">
      {error && errors.size === 0 && <ErrorMessage error={error} />}
      <p>
        {status === 'INTEREST' && mine
          ? COMMITTEE_DECLARATION.mineRecused(natureOf(mine))
          : status === 'NONE'
            ? COMMITTEE_DECLARATION.mineNoInterest
            : COMMITTEE_DECLARATION.mineUndeclared}
        {status === 'NONE' && myVote && ` ${COMMITTEE_DECLARATION.myVote(ENUM_LABELS[myVote] ?? myVote)}`}
      </p>
      <form className="form" onSubmit={declare}>
        <fieldset className="group">
          <legend>Ma déclaration d’intérêts</legend>
          <div className="field">
            <label htmlFor={`f-interest-${dossierId}`}>Avez-vous un intérêt dans cette SCIC ?</label>
            <select
              id={`f-interest-${dossierId}`}
              value={hasInterest}
              onChange={(event) => setHasInterest(event.target.value)}
            >
              <option value="">— Choisir —</option>
              <option value="false">Non, aucun intérêt</option>
              <option value="true">Oui (je serai déporté)</option>
            </select>
          </div>
          {hasInterest === 'true' && (
            <div className="field">
              <label htmlFor={`f-nature-${dossierId}`}>Nature de l’intérêt</label>
              <select
                id={`f-nature-${dossierId}`}
                value={nature}
                onChange={(event) => setNature(event.target.value)}
                aria-invalid={errors.has('nature') || undefined}
                aria-describedby={describedBy(errors.has('nature') && 'e-nature')}
              >
                <option value="">— Choisir —</option>
                {['ASSOCIE', 'OFFICER', 'EMPLOYEE', 'FAMILY_TIE', 'DEPARTEMENT_REPRESENTATIVE', 'OTHER'].map(
                  (value) => (
                    <option key={value} value={value}>
                      {ENUM_LABELS[value]}
                    </option>
                  ),
                )}
              </select>
              <FieldErrors path="nature" errors={errors} />
            </div>
          )}
          {withdrawing && (
            <div className="field">
              <label htmlFor={`f-withdrawal-${dossierId}`}>Motif du retrait</label>
              <p className="hint" id={`h-withdrawal-${dossierId}`}>
                Obligatoire : vous retirez l’intérêt déclaré dans cette SCIC. Impossible une fois qu’un avis ou une
                décision a été rendu sur l’un de ses dossiers.
              </p>
              <textarea
                id={`f-withdrawal-${dossierId}`}
                rows={2}
                value={withdrawalReason}
                onChange={(event) => setWithdrawalReason(event.target.value)}
                aria-invalid={errors.has('withdrawalReason') || undefined}
                aria-describedby={describedBy(
                  `h-withdrawal-${dossierId}`,
                  errors.has('withdrawalReason') && 'e-withdrawalReason',
                )}
              />
              <FieldErrors path="withdrawalReason" errors={errors} />
            </div>
          )}
          <button type="submit" className="button primary" disabled={!hasInterest}>
            {declared ? COMMITTEE_DECLARATION.modify : COMMITTEE_DECLARATION.declare}
          </button>
        </fieldset>
      </form>
      {status === 'NONE' && (
        <form className="form" onSubmit={vote}>
          <fieldset className="group">
            <legend>Mon vote</legend>
            <div className="field">
              <label htmlFor={`f-vote-${dossierId}`}>Position</label>
              <select id={`f-vote-${dossierId}`} value={position} onChange={(event) => setPosition(event.target.value)}>
                <option value="">— Choisir —</option>
                {['FAVOURABLE', 'FAVOURABLE_WITH_CONDITIONS', 'UNFAVOURABLE', 'ABSTENTION'].map((value) => (
                  <option key={value} value={value}>
                    {ENUM_LABELS[value]}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button primary" disabled={!position}>
              Voter
            </button>
          </fieldset>
        </form>
      )}
      <p className="muted">
        {MESSAGES.reasonHint.replace('Obligatoire : il est', 'Chaque déclaration et chaque vote sont')}
      </p>
    </div>
  );
}
