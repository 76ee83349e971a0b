/**
 * The minutes (procès-verbal) of a session of the comité d'engagement, as a PDF: the
 * members convoked and present by seat, then for each dossier of the agenda its summary,
 * the declarations of interest and recusals, the composition, the votes, and the opinion
 * with its motivation, conditions and proposed amount. Pure: the data in, the bytes out.
 */
import { formatEuros, formatFrenchDate, formatFrenchTime, frenchList, plural } from '../../common/french-format.js';
import { type PdfComposer, renderPdf } from '../../documents/pdf/pdf-composer.js';
import type { Composition } from '../composition.js';
import { OPINION_LABELS, RECUSED_LABEL, VOTE_LABELS, type VotePosition } from '../seats.js';
import { tallySentence, type VoteTally } from '../vote-tally.js';

export interface MinutesMember {
  displayName: string;
  /** « Membre du CDESS », « Service départemental — Direction de l’insertion et de l’emploi »… */
  seats: string[];
  present: boolean | null;
}

export interface MinutesDeclaration {
  displayName: string;
  status: 'NONE' | 'INTEREST' | null;
  natureLabel: string | null;
  details: string | null;
  /** Another dossier of the SCIC the declaration was made through (it holds for the SCIC). */
  declaredThrough: string | null;
}

export interface MinutesVote {
  displayName: string;
  position: VotePosition;
  comment: string | null;
  withdrawn: boolean;
}

export interface MinutesDossier {
  position: number;
  reference: string;
  scicName: string;
  legalForm: string;
  commune: string;
  siren: string;
  requestedAmountCents: number;
  nominalShareValueCents: number;
  services: string[];
  status: 'SCHEDULED' | 'EXAMINED' | 'MOVED' | 'REMOVED';
  scheduledReason: string | null;
  movedToDate: string | null;
  movedReason: string | null;
  declarations: MinutesDeclaration[];
  votes: MinutesVote[];
  opinion: {
    opinion: string;
    motivation: string;
    conditions: string | null;
    proposedAmountCents: number | null;
    proposedShares: number | null;
    composition: Composition;
    voteTally: VoteTally | null;
  } | null;
}

export interface MinutesData {
  sessionDate: string;
  startTime: string | null;
  place: string | null;
  videoLink: string | null;
  chairName: string | null;
  secretaryName: string | null;
  closedAt: Date;
  closedDate: string;
  members: MinutesMember[];
  dossiers: MinutesDossier[];
}

/** The declaration concerns the SCIC: say so when it was made through another of its dossiers. */
function through(declaration: MinutesDeclaration): string {
  return declaration.declaredThrough ? ` (déclaration faite sur le dossier ${declaration.declaredThrough})` : '';
}

function declarationLine(declaration: MinutesDeclaration): string {
  switch (declaration.status) {
    case 'NONE':
      return `${declaration.displayName} : aucun intérêt déclaré${through(declaration)}`;
    case 'INTEREST':
      return `${declaration.displayName} : intérêt déclaré (${declaration.natureLabel ?? 'nature non précisée'}${declaration.details ? ` — ${declaration.details}` : ''}) — ${RECUSED_LABEL}${through(declaration)}`;
    default:
      return `${declaration.displayName} : pas de déclaration`;
  }
}

export function renderMinutes(data: MinutesData): Promise<Buffer> {
  const sessionTitle = `Séance du ${formatFrenchDate(data.sessionDate)}${data.startTime ? ` à ${formatFrenchTime(data.startTime)}` : ''}`;
  return renderPdf(
    {
      title: `Procès-verbal du comité d’engagement — ${sessionTitle}`,
      subject: 'Comité d’engagement : avis motivés et montants proposés',
      author: 'Département — Mission ESS',
      createdAt: data.closedAt,
    },
    (pdf) => {
      sessionHeader(pdf, data, sessionTitle);
      convokedMembers(pdf, data.members);
      pdf.heading('Dossiers inscrits à l’ordre du jour');
      if (!data.dossiers.length) pdf.paragraph('Aucun dossier.', { italic: true });
      for (const dossier of data.dossiers) dossierSection(pdf, dossier);
      pdf.rule();
      pdf.paragraph(
        'Procès-verbal établi à la clôture de la séance. Son empreinte SHA-256 est inscrite au journal de chaque dossier de l’ordre du jour.',
        { italic: true },
      );
    },
    { footer: `PV du comité d’engagement — ${formatFrenchDate(data.sessionDate)}` },
  );
}

/** The title, then where and by whom the session was held. */
function sessionHeader(pdf: PdfComposer, data: MinutesData, sessionTitle: string): void {
  pdf.title('Procès-verbal du comité d’engagement', sessionTitle);
  if (data.place) pdf.field('Lieu', data.place);
  if (data.videoLink) pdf.field('Visioconférence', data.videoLink);
  pdf.field('Présidence', data.chairName ?? 'non désignée');
  pdf.field('Secrétariat', data.secretaryName ?? 'non désigné');
  pdf.field('Séance close le', formatFrenchDate(data.closedDate));
}

function convokedMembers(pdf: PdfComposer, members: MinutesMember[]): void {
  pdf.heading('Membres convoqués');
  const present = members.filter((member) => member.present === true);
  pdf.paragraph(
    `${plural(members.length, 'membre convoqué', 'membres convoqués')}, ${plural(present.length, 'présent')}.`,
  );
  pdf.bullets(
    members.map(
      (member) =>
        `${member.displayName} — ${member.seats.length ? member.seats.join(' ; ') : 'sans siège'} — ${
          member.present === true ? 'présent' : member.present === false ? 'absent' : 'présence non relevée'
        }`,
    ),
  );
}

/** One dossier of the agenda: its summary, then either why it was not examined or its examination. */
function dossierSection(pdf: PdfComposer, dossier: MinutesDossier): void {
  dossierSummary(pdf, dossier);
  if (dossier.status === 'MOVED') {
    pdf.paragraph(
      `Reporté à la séance du ${dossier.movedToDate ? formatFrenchDate(dossier.movedToDate) : '?'} : ${dossier.movedReason ?? ''}`,
      { italic: true },
    );
    return;
  }
  if (dossier.status === 'REMOVED') {
    pdf.paragraph('Retiré de l’ordre du jour (désistement ou classement sans suite) avant son examen.', {
      italic: true,
    });
    return;
  }
  pdf.paragraph('Déclarations d’intérêts :');
  pdf.bullets(dossier.declarations.map(declarationLine));
  if (dossier.opinion) compositionForDossier(pdf, dossier.opinion.composition);
  individualVotes(pdf, dossier.votes);
  if (!dossier.opinion) {
    pdf.paragraph('Aucun avis rendu.', { italic: true });
    return;
  }
  committeeOpinion(pdf, dossier.opinion);
}

function dossierSummary(pdf: PdfComposer, dossier: MinutesDossier): void {
  pdf.subheading(`${dossier.position}. ${dossier.reference} — ${dossier.scicName}`);
  pdf.field('SCIC', `${dossier.legalForm}, ${dossier.commune} (SIREN ${dossier.siren})`);
  pdf.field(
    'Demande',
    `${formatEuros(dossier.requestedAmountCents)} (${plural(
      dossier.nominalShareValueCents > 0 ? dossier.requestedAmountCents / dossier.nominalShareValueCents : 0,
      'part',
    )} de ${formatEuros(dossier.nominalShareValueCents)})`,
  );
  pdf.field('Services concernés', dossier.services.length ? frenchList(dossier.services) : 'aucun');
  if (dossier.scheduledReason) pdf.field('Inscription', dossier.scheduledReason);
}

function compositionForDossier(pdf: PdfComposer, composition: Composition): void {
  pdf.paragraph('Composition pour ce dossier :');
  pdf.bullets(
    composition.seats.map(
      (seat) => `${seat.label[0].toUpperCase()}${seat.label.slice(1)} : ${seat.member?.displayName ?? 'non pourvu'}`,
    ),
  );
}

/** Every vote cast, withdrawn ones included (and said so); only the others are counted. */
function individualVotes(pdf: PdfComposer, votes: MinutesVote[]): void {
  const counted = votes.filter((vote) => !vote.withdrawn);
  pdf.paragraph(`Votes (${counted.length}) :`);
  pdf.bullets(
    votes.length
      ? votes.map(
          (vote) =>
            `${vote.displayName} : ${VOTE_LABELS[vote.position]}${vote.comment ? ` — « ${vote.comment} »` : ''}${
              vote.withdrawn ? ` (retiré : ${RECUSED_LABEL})` : ''
            }`,
        )
      : ['aucun vote individuel enregistré'],
  );
}

function committeeOpinion(pdf: PdfComposer, opinion: NonNullable<MinutesDossier['opinion']>): void {
  if (opinion.voteTally) pdf.field('Décompte des voix', tallySentence(opinion.voteTally));
  pdf.field('Avis du comité', OPINION_LABELS[opinion.opinion] ?? opinion.opinion);
  pdf.field('Motivation', opinion.motivation);
  if (opinion.conditions) pdf.field('Conditions', opinion.conditions);
  if (opinion.proposedAmountCents !== null) {
    pdf.field(
      'Montant proposé',
      `${formatEuros(opinion.proposedAmountCents)}${
        opinion.proposedShares !== null ? ` (${plural(opinion.proposedShares, 'part')})` : ''
      }`,
    );
  }
}
