/**
 * Gathers what the note de synthèse shows and renders it. Everything is read in one
 * REPEATABLE READ transaction, so the analyses, the amount checks and the opinion are of
 * the same moment; the PDF is drawn after the transaction, without holding a connection
 * (the embedded database has only one). Each module is read through its own services:
 * the analyses (views with their computed checks, ratios and plan totals), the amount
 * rules, the referentials and the committee's opinions.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AnalysisView } from '../analyses/analyses.service.js';
import { AnalysesService } from '../analyses/analyses.service.js';
import { AmountGateService } from '../amounts/amount-gate.service.js';
import type { ActivityAnalysisData, EconomicAnalysisData, EssPracticesData } from '../analyses/analysis.types.js';
import type { ComplianceCheck } from '../analyses/rules/ess-compliance.js';
import type { PlanTotals } from '../analyses/rules/financing-plan.js';
import type { Actor } from '../common/actor.js';
import { CLOCK, isoDateIn, type Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { OpinionsService, type OpinionView } from '../committee/opinions/opinions.service.js';
import { tallySentence } from '../committee/vote-tally.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DossierVisibility } from '../access/dossier-visibility.js';
import { DossierListing } from '../read-models/dossier-listing.js';
import type { PolicyOrientation } from '../referentials/policy-orientation.entity.js';
import { ReferentialsService } from '../referentials/referentials.service.js';
import type { TransformationMarker } from '../referentials/transformation-marker.entity.js';
import { STATE_LABELS } from '../workflow/dossier.workflow.js';
import type {
  RatiosTable,
  ReportActivity,
  ReportAmountCheck,
  ReportData,
  ReportEconomic,
  ReportEssPractices,
  ReportMarker,
  ReportOpinion,
} from './report-data.js';
import { renderReport, reportFileName } from './report.pdf.js';

export interface RenderedReport {
  pdf: Buffer;
  fileName: string;
}

/** An analysis nobody has saved (version 0) is « non renseignée ». */
const saved = (view: AnalysisView) => view.version > 0;

@Injectable()
export class ReportsService {
  constructor(
    private readonly visibility: DossierVisibility,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly analyses: AnalysesService,
    private readonly gate: AmountGateService,
    private readonly opinions: OpinionsService,
    private readonly referentials: ReferentialsService,
    private readonly listing: DossierListing,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The note of a dossier the caller may see (404 otherwise), whatever its step. */
  async render(dossierId: string, actor: Actor): Promise<RenderedReport> {
    const data = await this.dataSource.transaction('REPEATABLE READ', (manager) =>
      this.gather(manager, dossierId, actor),
    );
    return { pdf: await renderReport(data), fileName: reportFileName(data.reference) };
  }

  /** Reads everything in the order the note shows it, in the caller's transaction. */
  private async gather(manager: EntityManager, dossierId: string, actor: Actor): Promise<ReportData> {
    const dossier = await this.listing.one(dossierId, this.visibility.condition(actor), manager);
    if (!dossier) throw new DomainError(ErrorCode.DossierNotFound, { id: dossierId });
    const now = this.clock.now();
    const requestedAmountCents = Number(dossier.requested_amount_cents);

    const activity = await this.analyses.viewIn(manager, 'activity', dossierId);
    const ess = await this.analyses.viewIn(manager, 'essPractices', dossierId);
    const economic = await this.analyses.viewIn(manager, 'economic', dossierId);
    const orientations = await this.referentials.orientations(manager);
    const markers = await this.referentials.markers(manager);
    const thresholds = await this.referentials.thresholds(manager);
    const opinions = await this.opinions.opinionsIn(manager, dossierId);
    const amounts = amountsUnderDiscussion(requestedAmountCents, economic, opinions);
    const amountChecks = await this.amountChecks(manager, dossierId, amounts);

    return {
      generatedAt: now,
      generatedOn: isoDateIn(now, this.config.timeZone),
      reference: dossier.reference,
      stateLabel: STATE_LABELS[dossier.state] ?? dossier.state,
      scic: { name: dossier.name, siren: dossier.siren, legalForm: dossier.legal_form, commune: dossier.commune },
      requestedAmountCents,
      nominalShareValueCents: Number(dossier.nominal_share_value_cents),
      activity: activitySection(activity, orientations),
      essPractices: essPracticesSection(ess),
      economic: economicSection(economic),
      markers: markerScores(markers, ess),
      publicCapBasisPoints: thresholds.PUBLIC_CAP_BP,
      ceilingPerScicCents: thresholds.CEILING_PER_SCIC_CENTS,
      amountChecks,
      opinions: opinions.map(reportOpinion),
    };
  }

  /** Rules 3–5 on each amount under discussion that is set. */
  private async amountChecks(
    manager: EntityManager,
    dossierId: string,
    amounts: { label: string; cents: number | null }[],
  ): Promise<ReportAmountCheck[]> {
    const checks: ReportAmountCheck[] = [];
    for (const { label, cents } of amounts) {
      if (cents !== null && cents > 0) {
        checks.push({
          label,
          check: await this.gate.check(manager, { dossierId, amountCents: cents, purpose: 'PREVIEW' }),
        });
      }
    }
    return checks;
  }
}

/** The request, the stake step 3 recommends, the committee's (latest) proposal. */
function amountsUnderDiscussion(
  requestedAmountCents: number,
  economic: AnalysisView,
  opinions: OpinionView[],
): { label: string; cents: number | null }[] {
  const economicData = economic.data as EconomicAnalysisData;
  return [
    { label: 'Montant demandé', cents: requestedAmountCents },
    {
      label: 'Participation recommandée (étape 3)',
      cents: saved(economic) ? economicData.instruments.capitalStakeCents : null,
    },
    { label: 'Montant proposé par le comité', cents: opinions[0]?.proposedAmountCents ?? null },
  ];
}

function activitySection(activity: AnalysisView, orientations: PolicyOrientation[]): ReportActivity | null {
  if (!saved(activity)) return null;
  const data = activity.data as ActivityAnalysisData;
  const chosen = orientations.filter((orientation) => data.orientationCodes.includes(orientation.code));
  return {
    data,
    complete: activity.complete,
    problems: activity.problems,
    orientations: chosen.map((orientation) => ({
      label: orientation.label,
      competenceLabel: orientation.competenceLabel,
    })),
    competenceLabel:
      chosen.find((orientation) => orientation.competenceCode === data.competenceCode)?.competenceLabel ?? null,
  };
}

function essPracticesSection(ess: AnalysisView): ReportEssPractices | null {
  if (!saved(ess)) return null;
  const data = ess.data as EssPracticesData;
  return { data, complete: ess.complete, problems: ess.problems, checks: ess.checks as ComplianceCheck[] };
}

function economicSection(economic: AnalysisView): ReportEconomic | null {
  if (!saved(economic)) return null;
  return {
    data: economic.data as EconomicAnalysisData,
    complete: economic.complete,
    problems: economic.problems,
    ratios: economic.ratios as RatiosTable,
    planTotals: economic.planTotals as PlanTotals,
  };
}

/** All the referential's markers, in its order, scored where step 2 scores them. */
function markerScores(markers: TransformationMarker[], ess: AnalysisView): ReportMarker[] {
  const essData = ess.data as EssPracticesData;
  return markers.map((marker) => {
    const scored = saved(ess) ? essData.markers.find((entry) => entry.marker === marker.code) : undefined;
    return { label: marker.label, score: scored?.score ?? null, comment: scored?.comment ?? null };
  });
}

function reportOpinion(opinion: OpinionView): ReportOpinion {
  return {
    sessionDate: opinion.sessionDate,
    opinionLabel: opinion.opinionLabel,
    motivation: opinion.motivation,
    conditions: opinion.conditions,
    proposedAmountCents: opinion.proposedAmountCents,
    proposedShares: opinion.proposedShares,
    seats: opinion.composition.seats.map((seat) => ({
      label: seat.label,
      memberName: seat.member?.displayName ?? null,
    })),
    recused: opinion.composition.recused.map((member) => member.displayName),
    voteTally: opinion.voteTally ? tallySentence(opinion.voteTally) : null,
  };
}
