/**
 * The minutes (procès-verbal) of a session of the comité d'engagement, as a PDF: the
 * members convoked and present by seat, then for each dossier of the agenda its summary,
 * the declarations of interest and recusals, the composition, the votes, and the opinion
 * with its motivation, conditions and proposed amount. Pure: the data in, the bytes out.
 */
import { formatEuros, formatFrenchDate, formatFrenchTime, frenchList, plural } from '../../common/french-format.js';
import { renderPdf } from '../../documents/pdf/pdf-composer.js';
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
      pdf.title('Procès-verbal du comité d’engagement', sessionTitle);
      if (data.place) pdf.field('Lieu', data.place);
      if (data.videoLink) pdf.field('Visioconférence', data.videoLink);
      pdf.field('Présidence', data.chairName ?? 'non désignée');
      pdf.field('Secrétariat', data.secretaryName ?? 'non désigné');
      pdf.field('Séance close le', formatFrenchDate(data.closedDate));

      pdf.heading('Membres convoqués');
      const present = data.members.filter((member) => member.present === true);
      pdf.paragraph(
        `${plural(data.members.length, 'membre convoqué', 'membres convoqués')}, ${plural(present.length, 'présent')}.`,
      );
      pdf.bullets(
        data.members.map(
          (member) =>
            `${member.displayName} — ${member.seats.length ? member.seats.join(' ; ') : 'sans siège'} — ${
              member.present === true ? 'présent' : member.present === false ? 'absent' : 'présence non relevée'
            }`,
        ),
      );

      pdf.heading('Dossiers inscrits à l’ordre du jour');
      if (!data.dossiers.length) pdf.paragraph('Aucun dossier.', { italic: true });
      for (const dossier of data.dossiers) {
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
        if (dossier.status === 'MOVED') {
          pdf.paragraph(
            `Reporté à la séance du ${dossier.movedToDate ? formatFrenchDate(dossier.movedToDate) : '?'} : ${dossier.movedReason ?? ''}`,
            { italic: true },
          );
          continue;
        }
        if (dossier.status === 'REMOVED') {
          pdf.paragraph('Retiré de l’ordre du jour (désistement ou classement sans suite) avant son examen.', {
            italic: true,
          });
          continue;
        }

        pdf.paragraph('Déclarations d’intérêts :');
        pdf.bullets(dossier.declarations.map(declarationLine));

        if (dossier.opinion) {
          const { composition } = dossier.opinion;
          pdf.paragraph('Composition pour ce dossier :');
          pdf.bullets(
            composition.seats.map(
              (seat) =>
                `${seat.label[0].toUpperCase()}${seat.label.slice(1)} : ${seat.member?.displayName ?? 'non pourvu'}`,
            ),
          );
        }

        const counted = dossier.votes.filter((vote) => !vote.withdrawn);
        pdf.paragraph(`Votes (${counted.length}) :`);
        pdf.bullets(
          dossier.votes.length
            ? dossier.votes.map(
                (vote) =>
                  `${vote.displayName} : ${VOTE_LABELS[vote.position]}${vote.comment ? ` — « ${vote.comment} »` : ''}${
                    vote.withdrawn ? ` (retiré : ${RECUSED_LABEL})` : ''
                  }`,
              )
            : ['aucun vote individuel enregistré'],
        );

        if (!dossier.opinion) {
          pdf.paragraph('Aucun avis rendu.', { italic: true });
          continue;
        }
        if (dossier.opinion.voteTally) pdf.field('Décompte des voix', tallySentence(dossier.opinion.voteTally));
        pdf.field('Avis du comité', OPINION_LABELS[dossier.opinion.opinion] ?? dossier.opinion.opinion);
        pdf.field('Motivation', dossier.opinion.motivation);
        if (dossier.opinion.conditions) pdf.field('Conditions', dossier.opinion.conditions);
        if (dossier.opinion.proposedAmountCents !== null) {
          pdf.field(
            'Montant proposé',
            `${formatEuros(dossier.opinion.proposedAmountCents)}${
              dossier.opinion.proposedShares !== null ? ` (${plural(dossier.opinion.proposedShares, 'part')})` : ''
            }`,
          );
        }
      }
      pdf.rule();
      pdf.paragraph(
        'Procès-verbal établi à la clôture de la séance. Son empreinte SHA-256 est inscrite au journal de chaque dossier de l’ordre du jour.',
        { italic: true },
      );
    },
    { footer: `PV du comité d’engagement — ${formatFrenchDate(data.sessionDate)}` },
  );
}
