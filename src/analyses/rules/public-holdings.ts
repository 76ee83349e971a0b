/**
 * Step 2's public holdings (DOMAIN rule 3 and step 2): the listed public bodies agree with
 * the public-bodies member category, and the bodies the cap counts — collectivités
 * territoriales, their groupements and établissements publics territoriaux (L47 art. 19
 * septies, last paragraph) — hold at most the cap before the département subscribes.
 * Another public body (a State établissement, a hospital) is listed but not capped. Pure.
 */
import { formatBasisPoints, formatEuros } from '../../dossiers/amount-rules.js';
import { CAPPED_PUBLIC_HOLDER_KINDS, type EssPracticesData, type PublicHolder } from '../analysis.types.js';

export interface PublicHoldingsCheck {
  code: 'PUBLIC_BODIES_AGREEMENT' | 'PUBLIC_HOLDINGS';
  level: 'LEGAL';
  status: 'OK' | 'FAILED' | 'UNKNOWN';
  message: string;
  source: string;
  fields?: { field: string; message: string }[];
}

const CAP_SOURCE = 'L47 art. 19 septies, dernier alinéa';

const isWhole = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined && Number.isSafeInteger(value);

/** The sums the amount gate and the checks share: listed, capped, and the public-bodies category. */
export function publicHoldingsFigures(data: Pick<EssPracticesData, 'publicHolders' | 'memberCategories'>) {
  const sum = (holders: PublicHolder[]) => holders.reduce((total, holder) => total + holder.amountCents, 0);
  return {
    listedPublicHoldingsCents: sum(data.publicHolders),
    // A holder stored before kinds existed counts in the cap: never understate public capital.
    capPublicHoldingsCents: sum(
      data.publicHolders.filter((holder) => !holder.kind || CAPPED_PUBLIC_HOLDER_KINDS.includes(holder.kind)),
    ),
    publicBodiesCategoryCents: data.memberCategories
      .filter((category) => category.kind === 'PUBLIC_BODIES')
      .reduce((total, category) => total + category.capitalHeldCents, 0),
  };
}

function result(
  code: PublicHoldingsCheck['code'],
  status: PublicHoldingsCheck['status'],
  message: string,
  source: string,
  field?: string,
): PublicHoldingsCheck {
  return { code, level: 'LEGAL', status, message, source, ...(field ? { fields: [{ field, message }] } : {}) };
}

/** The public-bodies category holds exactly what the listed public bodies hold. */
export function publicBodiesAgreementCheck(data: EssPracticesData): PublicHoldingsCheck {
  const code = 'PUBLIC_BODIES_AGREEMENT';
  const source = 'Table de capitalisation (étape 2)';
  const amounts = [
    ...data.publicHolders.map((holder) => holder.amountCents),
    ...data.memberCategories.map((category) => category.capitalHeldCents),
  ];
  if (!amounts.every(isWhole)) {
    return result(code, 'UNKNOWN', 'Montants détenus par les personnes publiques non renseignés.', source);
  }
  const { listedPublicHoldingsCents: listed, publicBodiesCategoryCents: category } = publicHoldingsFigures(data);
  if (listed === category) {
    return result(
      code,
      'OK',
      listed === 0
        ? 'Aucune personne publique associée.'
        : `Les personnes publiques listées détiennent ${formatEuros(listed)}, comme la catégorie « personnes publiques ».`,
      source,
    );
  }
  const message =
    `La catégorie d’associés « personnes publiques » détient ${formatEuros(category)}, ` +
    `mais les personnes publiques listées détiennent ${formatEuros(listed)} : ` +
    'listez chaque collectivité ou personne publique associée avec sa nature et son montant.';
  return result(code, 'FAILED', message, source, 'publicHolders');
}

/** Rule 3 before the subscription: the capped public bodies already hold at most the cap. */
export function publicHoldingsCheck(data: EssPracticesData, capBasisPoints: number): PublicHoldingsCheck {
  const code = 'PUBLIC_HOLDINGS';
  const capital = data.currentCapitalCents;
  if (!isWhole(capital) || !data.publicHolders.every((holder) => isWhole(holder.amountCents))) {
    return result(
      code,
      'UNKNOWN',
      'Capital actuel ou montants détenus par les personnes publiques non renseignés.',
      CAP_SOURCE,
    );
  }
  const held = publicHoldingsFigures(data).capPublicHoldingsCents;
  const ok = BigInt(held) * 10_000n <= BigInt(capBasisPoints) * BigInt(capital);
  const figures = `${formatEuros(held)} sur ${formatEuros(capital)}`;
  if (ok) {
    return result(
      code,
      'OK',
      `Les collectivités territoriales, leurs groupements et établissements publics territoriaux détiennent ${figures} (plafond ${formatBasisPoints(capBasisPoints)}).`,
      CAP_SOURCE,
    );
  }
  const message = `Les collectivités territoriales, leurs groupements et établissements publics territoriaux détiennent déjà ${figures}, au-delà du plafond de ${formatBasisPoints(capBasisPoints)} du capital.`;
  return result(code, 'FAILED', message, CAP_SOURCE, 'publicHolders');
}
