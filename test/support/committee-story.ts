/**
 * Factories for the committee e2e suite's session story ("a dossier through a session"):
 * each brings a fresh cast — a session, a later one, three dossiers, the committee and
 * four more members — to the state one step of the story starts from, through the API as
 * the earlier steps do. So any step runs alone (`jest -t '<step>'`) and on its own data.
 *
 * Apart from committee.ts because it needs test-app.ts's functions at run time, and
 * test-app.ts imports committee.ts (through instruction.ts) while it loads.
 */
import {
  completeCommitteeFor,
  convokeAndAttend,
  createMember,
  createSecretary,
  createSession,
  declare,
  vote,
  type TestMember,
} from './committee.js';
import { createDossier, sendEvent, uniqueSiren, uniqueWord, type TestApp, type TestResponse } from './test-app.js';

export const DAY = 86_400_000;
export const MOTIVATION = 'Projet coopératif solide, plan de financement équilibré, ancrage territorial réel.';

export interface TestDossier {
  id: string;
  reference: string;
}

/** A new dossier through the three analyses, awaiting its committee. */
export async function toCommittee(
  t: TestApp,
  overrides: Record<string, unknown> = {},
  scic: Record<string, unknown> = {},
): Promise<TestDossier> {
  const dossier = await createDossier(t, overrides, scic);
  for (const type of ['SUBMIT', 'COMPLETE_ACTIVITY', 'COMPLETE_ESS_PRACTICES', 'COMPLETE_ECONOMIC']) {
    succeeded(type, await sendEvent(t, dossier.id, { type }));
  }
  return dossier;
}

export function schedule(t: TestApp, dossierId: string, sessionId: string, extra: Record<string, unknown> = {}) {
  return sendEvent(t, dossierId, { type: 'SCHEDULE_COMMITTEE', sessionId, ...extra }, { prepare: false });
}

export function opinion(t: TestApp, dossierId: string, body: Record<string, unknown>) {
  return sendEvent(t, dossierId, { type: 'RECORD_OPINION', motivation: MOTIVATION, ...body }, { prepare: false });
}

function succeeded(what: string, answer: Pick<TestResponse, 'status' | 'body'>): void {
  if (answer.status !== 200) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** The cast of the story. */
export interface SessionStory {
  session: { id: string; sessionDate: string };
  later: { id: string; sessionDate: string };
  secretary: TestMember;
  /** One member per seat the dossier needs: its departmental service first, then the four others. */
  committee: TestMember[];
  sacha2: TestMember;
  camille: TestMember;
  absent: TestMember;
  outsider: TestMember;
  /** 80 000 € asked in shares of 50 €: the public cap of 50 % is reached at exactly 75 000 €. */
  dossier: TestDossier;
  moved: TestDossier;
  adjourned: TestDossier;
}

/** The story's states: its cast, then what each of its steps leaves behind (STEPS, in order). */
export type SessionStage = 'cast' | keyof typeof STEPS;

/** A fresh cast brought to `stage`. */
export function sessionStoryAt(t: TestApp, stage: SessionStage): Promise<SessionStory> {
  return play(t, castStory, STEPS, stage);
}

/** Steps in the order they are written, each writing what its test does when it succeeds. */
type Steps<Story, Stage extends string> = Record<Stage, (t: TestApp, story: Story) => Promise<void>>;

/** A fresh cast, then the steps up to `stage` included (none for 'cast'). */
async function play<Story, Stage extends string>(
  t: TestApp,
  cast: (t: TestApp) => Promise<Story>,
  steps: Steps<Story, Stage>,
  stage: Stage | 'cast',
): Promise<Story> {
  const story = await cast(t);
  const order = Object.keys(steps) as Stage[];
  for (const step of order.slice(0, order.indexOf(stage as Stage) + 1)) await steps[step](t, story);
  return story;
}

async function castStory(t: TestApp): Promise<SessionStory> {
  const secretary = await createSecretary(t, 'Jean Secrétaire de séance');
  const session = await createSession(t, { secretaryUserId: secretary.userId, chairUserId: secretary.userId });
  const later = await createSession(t, {
    sessionDate: new Date(t.clock.now().getTime() + 7 * DAY).toISOString().slice(0, 10),
  });
  // Shares of 50 €, capital 100 000 € of which public bodies hold 12 500 € (test/support/analyses.ts).
  const dossier = await toCommittee(t, { requestedAmountCents: 8_000_000, nominalShareValueCents: 5_000 });
  const moved = await toCommittee(t);
  const adjourned = await toCommittee(t);
  return {
    secretary,
    session,
    later,
    dossier,
    moved,
    adjourned,
    committee: await completeCommitteeFor(t, dossier.id),
    sacha2: await createMember(t, 'Sacha Second CDESS', [{ category: 'CDESS_MEMBER' }]),
    camille: await createMember(t, 'Camille Intéressée', [{ category: 'CDESS_MEMBER' }]),
    absent: await createMember(t, 'Ali Absent', [{ category: 'MISSION_ESS' }]),
    outsider: await createMember(t, 'Olga Non convoquée', [{ category: 'QUALIFIED_PERSON' }]),
  };
}

/** The committee's member for the CDESS seat, who declares a family tie. */
export const cdessOf = (story: SessionStory) => story.committee.find((m) => m.displayName === 'Sacha Membre du CDESS')!;

const secretaryCall = (t: TestApp, method: 'POST' | 'PUT', url: string, body?: unknown) =>
  t.request({ method, url, as: 'committee_secretary', body });

/** What each step writes when it succeeds (its refusals write nothing). */
const STEPS = {
  async scheduled(t, { session, dossier, moved, adjourned }) {
    for (const d of [dossier, moved, adjourned]) succeeded('schedule', await schedule(t, d.id, session.id));
  },
  async convoked(t, { session, committee, sacha2, camille, absent }) {
    const members = [...committee, sacha2, camille, absent];
    const url = `/api/committee/sessions/${session.id}/convocations`;
    succeeded('convocations', await secretaryCall(t, 'POST', url, { userIds: members.map((m) => m.userId) }));
  },
  async attended(t, { session, committee, sacha2, camille, absent }) {
    await convokeAndAttend(t, session.id, [...committee, sacha2, camille]);
    const url = `/api/committee/sessions/${session.id}/attendance`;
    succeeded(
      'attendance',
      await secretaryCall(t, 'PUT', url, { entries: [{ userId: absent.userId, present: false }] }),
    );
  },
  async declared(t, story) {
    const { dossier, committee, camille, sacha2 } = story;
    const cdess = cdessOf(story);
    for (const member of committee.filter((m) => m !== cdess)) {
      succeeded('declaration', await declare(t, dossier.id, member, { hasInterest: false }));
    }
    succeeded('interest', await declare(t, dossier.id, camille, { hasInterest: true, nature: 'ASSOCIE' }));
    succeeded('interest', await declare(t, dossier.id, cdess, { hasInterest: true, nature: 'FAMILY_TIE' }));
    succeeded('declaration', await declare(t, dossier.id, sacha2, { hasInterest: false }));
  },
  async voted(t, story) {
    const { dossier, absent, sacha2 } = story;
    succeeded('declaration', await declare(t, dossier.id, absent, { hasInterest: false }));
    for (const [index, member] of [...story.committee.filter((m) => m !== cdessOf(story)), sacha2].entries()) {
      const position = index === 0 ? 'FAVOURABLE_WITH_CONDITIONS' : index === 1 ? 'ABSTENTION' : 'FAVOURABLE';
      const comment = index === 0 ? 'Sous réserve de la révision.' : undefined;
      succeeded('vote', await vote(t, dossier.id, member, { position, comment }));
    }
  },
  async voteWithdrawnThenRestored(t, { dossier, sacha2 }) {
    const interest = { hasInterest: true, nature: 'OTHER', details: 'Prêt personnel à un dirigeant.' };
    succeeded('interest', await declare(t, dossier.id, sacha2, interest));
    const withdrawal = { hasInterest: false, withdrawalReason: 'Le prêt a été remboursé avant la séance.' };
    succeeded('withdrawal', await declare(t, dossier.id, sacha2, withdrawal));
    succeeded('vote', await vote(t, dossier.id, sacha2, { position: 'FAVOURABLE' }));
  },
  async opinionRecorded(t, { dossier }) {
    const answer = await opinion(t, dossier.id, {
      opinion: 'FAVOURABLE_WITH_CONDITIONS',
      proposedAmountCents: 7_500_000,
      proposedShares: 1_500,
      conditions: 'Libération des parts après la prochaine révision coopérative.',
    });
    succeeded('opinion', answer);
  },
  async moved(t, { moved, later }) {
    const reason = 'Pièces financières reçues trop tard pour être étudiées.';
    const url = `/api/dossiers/${moved.id}/committee/reschedule`;
    succeeded('reschedule', await secretaryCall(t, 'POST', url, { sessionId: later.id, reason }));
  },
  async adjourned(t, { adjourned }) {
    for (const member of await completeCommitteeFor(t, adjourned.id)) {
      succeeded('declaration', await declare(t, adjourned.id, member, { hasInterest: false }));
    }
    const motivation = 'Le plan de financement doit être consolidé avec la banque.';
    succeeded('adjournment', await opinion(t, adjourned.id, { opinion: 'ADJOURNED', motivation }));
  },
  async closed(t, { session }) {
    succeeded('close', await secretaryCall(t, 'POST', `/api/committee/sessions/${session.id}/close`));
  },
} satisfies Steps<SessionStory, string>;

/**
 * The cast of the suite's second story ("the opinion follows the votes"): a session
 * chaired by Lou, four dossiers on its agenda — two of one SCIC — and the members
 * sitting, convoked and present.
 */
export interface VotesStory {
  session: { id: string; sessionDate: string };
  /** The committee for the SCIC's first dossier (one member per seat). */
  seats: TestMember[];
  lou: TestMember;
  camille: TestMember;
  sitting: TestMember[];
  scic: { siren: string; name: string; legalForm: string; commune: string };
  againstAll: TestDossier;
  tie: TestDossier;
  first: TestDossier;
  second: TestDossier;
}

export type VotesStage = 'cast' | keyof typeof VOTES_STEPS;

/** A fresh cast of the second story brought to `stage`. */
export function votesStoryAt(t: TestApp, stage: VotesStage): Promise<VotesStory> {
  return play(t, castVotesStory, VOTES_STEPS, stage);
}

async function castVotesStory(t: TestApp): Promise<VotesStory> {
  const scic = { siren: uniqueSiren(), name: `SCIC Même SIREN ${uniqueWord()}`, legalForm: 'SAS', commune: 'Arras' };
  const lou = await createMember(t, 'Lou Présidente', [{ category: 'CDESS_MEMBER' }]);
  const camille = await createMember(t, 'Camille Associée', [{ category: 'CDESS_MEMBER' }]);
  const session = await createSession(t, { chairUserId: lou.userId });
  const againstAll = await toCommittee(t);
  const tie = await toCommittee(t);
  const first = await toCommittee(t, {}, scic);
  const second = await toCommittee(t, {}, scic);
  const seats = await completeCommitteeFor(t, first.id);
  const sitting = [...seats, lou, camille];
  for (const d of [againstAll, tie, first, second]) succeeded('schedule', await schedule(t, d.id, session.id));
  await convokeAndAttend(t, session.id, sitting);
  return { session, seats, lou, camille, sitting, scic, againstAll, tie, first, second };
}

async function declareNoInterest(t: TestApp, dossierId: string, members: TestMember[]): Promise<void> {
  for (const member of members) succeeded('declaration', await declare(t, dossierId, member, { hasInterest: false }));
}

async function castVotes(t: TestApp, dossierId: string, positions: [TestMember, string][]): Promise<void> {
  for (const [member, position] of positions) succeeded('vote', await vote(t, dossierId, member, { position }));
}

/** What each step of the second story writes when it succeeds. */
const VOTES_STEPS = {
  async unanimouslyAgainst(t, { againstAll, sitting }) {
    await declareNoInterest(t, againstAll.id, sitting);
    await castVotes(
      t,
      againstAll.id,
      sitting.map((member) => [member, 'UNFAVOURABLE']),
    );
    succeeded('opinion', await opinion(t, againstAll.id, { opinion: 'UNFAVOURABLE' }));
  },
  async tieSettled(t, { tie, sitting, seats: [s0, s1, s2, s3, s4], lou, camille }) {
    await declareNoInterest(t, tie.id, sitting);
    await castVotes(t, tie.id, [
      [lou, 'FAVOURABLE'],
      [s0, 'FAVOURABLE_WITH_CONDITIONS'],
      [s1, 'UNFAVOURABLE'],
      [s2, 'UNFAVOURABLE'],
      [s3, 'ABSTENTION'],
      [s4, 'ABSTENTION'],
      [camille, 'ABSTENTION'],
    ]);
    succeeded('opinion', await opinion(t, tie.id, { opinion: 'FAVOURABLE', proposedAmountCents: 1_000_000 }));
  },
  async voteWithdrawnThroughTheScic(t, { first, second, sitting, seats: [s0, s1, s2, s3, s4], lou, camille }) {
    await declareNoInterest(t, first.id, sitting);
    await castVotes(t, first.id, [
      [s0, 'FAVOURABLE'],
      [s1, 'FAVOURABLE'],
      [s2, 'UNFAVOURABLE'],
      [camille, 'UNFAVOURABLE'],
      [s3, 'ABSTENTION'],
      [s4, 'ABSTENTION'],
      [lou, 'ABSTENTION'],
    ]);
    succeeded('interest', await declare(t, second.id, camille, { hasInterest: true, nature: 'ASSOCIE' }));
    succeeded('opinion', await opinion(t, first.id, { opinion: 'FAVOURABLE', proposedAmountCents: 1_000_000 }));
  },
} satisfies Steps<VotesStory, string>;
