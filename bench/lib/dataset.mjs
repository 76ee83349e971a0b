/**
 * The bench's data set, generated with SQL batches (unnest of arrays) from a seeded
 * generator: SCICs with Luhn-valid SIRENs, dossiers whose state, snapshot and version
 * follow a real path of the machine, and their journals with a correct hash chain
 * (computed here with the application's own `entryHash`). Plus the bench's users and an
 * API token, written as the application writes them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { GENESIS_HASH, entryHash } from '../../dist/src/journal/hash-chain.js';
import { MACHINE_VERSION, buildTemplates, longTemplate, snapshotFor, transitionPayload } from './model.mjs';
import { dossierId, elapsedSince, log, pick, scicId, seededRandom, sirenOf } from './util.mjs';

const SEED = 20_261_123;
const FIRST_YEAR = 2019;

const ACTIVITIES = [
  'Énergies',
  'Mobilités',
  'Ressourcerie',
  'Jardins',
  'Habitat',
  'Alimentation',
  'Culture',
  'Numérique',
  'Santé',
  'Forêt',
  'Tiers-lieu',
  'Boulangerie',
  'Brasserie',
  'Maraîchage',
  'Recyclerie',
  'Vélos',
  'Épicerie',
  'Services',
  'Tourisme',
  'Bois',
];
const QUALIFIERS = [
  'Citoyennes',
  'Solidaires',
  'Partagés',
  'Coopératifs',
  'Durables',
  'Paysannes',
  'Collectifs',
  'Locales',
  'Vivantes',
  'Sociales',
];
const COMMUNES = [
  'Arras',
  'Lens',
  'Liévin',
  'Béthune',
  'Calais',
  'Boulogne-sur-Mer',
  'Saint-Omer',
  'Arques',
  'Hénin-Beaumont',
  'Carvin',
  'Bruay-la-Buissière',
  'Berck',
  'Étaples',
  'Montreuil-sur-Mer',
  'Saint-Pol-sur-Ternoise',
  'Aire-sur-la-Lys',
  'Auchel',
  'Avion',
  'Outreau',
  'Le Portel',
  'Wimereux',
  'Hesdin',
  'Bapaume',
  'Marck',
  'Noeux-les-Mines',
  'Isbergues',
  'Desvres',
  'Ardres',
  'Oignies',
  'Harnes',
];
const LEGAL_FORMS = ['SA', 'SAS', 'SARL'];
const NOMINALS = [2_500, 5_000, 10_000];

export const BENCH_USERS = {
  instructor: { id: '00000000-0000-4000-8000-00000000b001', email: 'bench.instructeur@bench.invalid' },
  committee_secretary: { id: '00000000-0000-4000-8000-00000000b002', email: 'bench.secretaire@bench.invalid' },
  elected_official: { id: '00000000-0000-4000-8000-00000000b003', email: 'bench.elu@bench.invalid' },
};
const SEED_CREDENTIAL = 'bench-seed';

/**
 * Which dossier index plays which part. Pools are contiguous ranges so that pgbench can
 * compute their ids (`md5('bench-dossier-' || n)::uuid`).
 */
export function layout(dossiers, poolSize) {
  return {
    longJournal: 0,
    limitPool: { from: 1, size: poolSize },
    httpPool: { from: 1 + poolSize, size: poolSize },
    pgbenchPool: { from: 1 + 2 * poolSize, size: poolSize },
    conflict: 1 + 3 * poolSize,
    /** Filled as a complete dossier (analyses, opinion) for the note de synthèse. */
    report: 2 + 3 * poolSize,
    dossiers,
  };
}

/** Words the read bench searches for: they occur in the generated names. */
export const SEARCH_WORDS = { activities: ACTIVITIES, qualifiers: QUALIFIERS, communes: COMMUNES };

/**
 * Generates the data set through `db.query(sql, params)` (TypeORM DataSource or pg pool).
 * Returns what the bench needs to know about it (ids, token, counts).
 */
export async function generate(db, { dossiers, journalEntries, poolSize, longJournalEntries }) {
  const started = performance.now();
  const random = seededRandom(SEED);
  const parts = layout(dossiers, poolSize);
  const nonDraft = dossiers * (1 - 0.06);
  const entriesPerDossier = Math.max(4, Math.ceil((journalEntries - dossiers * 0.06) / nonDraft));
  const templates = buildTemplates(entriesPerDossier);
  const activity = templates.find((t) => t.name === 'instruction.activity');
  const long = longTemplate(longJournalEntries);

  const token = await createUsersAndToken(db);

  // SCICs: 90% of the dossiers have their own SCIC, the others share one.
  const scics = Math.ceil(dossiers * 0.9);
  const scicRows = [];
  for (let index = 0; index < scics; index++) {
    scicRows.push({
      id: scicId(index),
      siren: sirenOf(index),
      name: `SCIC ${pick(random, ACTIVITIES)} ${pick(random, QUALIFIERS)} de ${pick(random, COMMUNES)}`,
      legalForm: pick(random, LEGAL_FORMS),
      commune: pick(random, COMMUNES),
    });
  }
  for (let offset = 0; offset < scicRows.length; offset += 10_000) {
    const batch = scicRows.slice(offset, offset + 10_000);
    await db.query(
      `INSERT INTO scic (id, siren, name, legal_form, commune, created_at, updated_at)
       SELECT u.id, u.siren, u.name, u.legal_form, u.commune, '${FIRST_YEAR}-01-01', '${FIRST_YEAR}-01-01'
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
           AS u(id, siren, name, legal_form, commune)`,
      [
        batch.map((s) => s.id),
        batch.map((s) => s.siren),
        batch.map((s) => s.name),
        batch.map((s) => s.legalForm),
        batch.map((s) => s.commune),
      ],
    );
  }
  log(`  ${scics} SCICs (${elapsedSince(started).toFixed(1)} s)`);

  // Template of each dossier: the special ones, then by share.
  const cumulative = [];
  let total = 0;
  for (const t of templates) cumulative.push([(total += t.share), t]);
  const templateOf = (index) => {
    if (index === parts.longJournal) return long;
    if (index < parts.conflict + 1) return activity;
    const r = random() * total;
    return cumulative.find(([bound]) => r < bound)?.[1] ?? templates[templates.length - 1];
  };

  const now = Date.now();
  const years = new Date(now).getUTCFullYear() - FIRST_YEAR + 1;
  const perYear = Math.ceil(dossiers / years);
  const lastNumbers = new Map();
  let journalCount = 0;
  let hashMs = 0;
  const dossierBatch = [];
  const journalBatch = [];

  const flush = async () => {
    if (dossierBatch.length) {
      await insertDossiers(db, dossierBatch.splice(0));
    }
    if (journalBatch.length) {
      await insertJournal(db, journalBatch.splice(0));
    }
  };

  for (let index = 0; index < dossiers; index++) {
    const t = templateOf(index);
    const year = FIRST_YEAR + Math.floor(index / perYear);
    const number = index - (year - FIRST_YEAR) * perYear + 1;
    lastNumbers.set(year, number);
    const yearStart = Date.UTC(year, 0, 1);
    const yearEnd = Math.min(Date.UTC(year + 1, 0, 1), now - 75 * 86_400_000);
    const createdAt = Math.floor(yearStart + ((number - 1) / perYear) * (yearEnd - yearStart));
    const scicIndex = index < scics ? index : (index * 7) % scics;
    const scic = scicRows[scicIndex];
    const nominal = pick(random, NOMINALS);
    const requested = nominal * (10 + Math.floor(random() * 800));
    const id = dossierId(index);
    const reference = `SCIC-${year}-${String(number).padStart(4, '0')}`;
    // Entries an hour to a day apart (the long journal: a minute apart).
    const stepMs = t === long ? 60_000 : 3_600_000 * (1 + Math.floor(random() * 24));

    const hashStarted = performance.now();
    let prevHash = GENESIS_HASH;
    let at = createdAt;
    const append = (seq, type, role, payload) => {
      const content = {
        dossierId: id,
        seq,
        type,
        actorId: BENCH_USERS[role].id,
        actorRole: role,
        actorCredential: SEED_CREDENTIAL,
        occurredAt: new Date(at),
        payload,
      };
      const hash = entryHash(prevHash, content);
      journalBatch.push({ ...content, prevHash, hash });
      prevHash = hash;
    };
    append(1, 'DOSSIER_CREATED', 'instructor', {
      reference,
      scic: { siren: scic.siren, name: scic.name, legalForm: scic.legalForm, commune: scic.commune },
      requestedAmountCents: requested,
      nominalShareValueCents: nominal,
      state: 'draft',
    });
    t.steps.forEach((step, i) => {
      at += stepMs;
      append(i + 2, 'TRANSITION', step.role, transitionPayload(step, step.make(requested)));
    });
    hashMs += performance.now() - hashStarted;
    journalCount += t.entries;

    dossierBatch.push({
      id,
      reference,
      scicId: scic.id,
      requested,
      nominal,
      state: t.state,
      snapshot: JSON.stringify(snapshotFor(t, requested)),
      version: 1 + t.steps.length,
      createdAt: new Date(createdAt).toISOString(),
      updatedAt: new Date(at).toISOString(),
    });
    if (journalBatch.length >= 20_000 || dossierBatch.length >= 5_000) await flush();
    if ((index + 1) % 20_000 === 0) {
      log(`  ${index + 1} dossiers, ${journalCount} journal entries (${elapsedSince(started).toFixed(1)} s)`);
    }
  }
  await flush();

  await db.query(
    `INSERT INTO dossier_reference_counter (year, last_number)
     SELECT * FROM unnest($1::int[], $2::int[])`,
    [[...lastNumbers.keys()], [...lastNumbers.values()]],
  );
  const analyzeStarted = performance.now();
  await db.query('ANALYZE');
  const seconds = elapsedSince(started);
  log(
    `  data set: ${dossiers} dossiers, ${journalCount} journal entries in ${seconds.toFixed(1)} s ` +
      `(hashing ${(hashMs / 1000).toFixed(1)} s, ANALYZE ${elapsedSince(analyzeStarted).toFixed(1)} s)`,
  );
  return {
    token,
    parts,
    scics,
    dossiers,
    journalEntries: journalCount,
    entriesPerDossier,
    sampleSirens: scicRows.slice(100, 110).map((s) => s.siren),
    seconds,
    hashSeconds: hashMs / 1000,
    activitySnapshot: activity.snapshot,
  };
}

export async function createUsersAndToken(db) {
  // No password can match this hash: the bench acts through its API token only.
  const noLogin = '!bench-account-without-password';
  for (const [role, user] of Object.entries(BENCH_USERS)) {
    await db.query(
      `INSERT INTO app_user (id, email, display_name, password_hash, active) VALUES ($1, $2, $3, $4, true)`,
      [user.id, user.email, `Bench ${role}`, noLogin],
    );
    await db.query(`INSERT INTO user_role (user_id, role) VALUES ($1, $2)`, [user.id, role]);
    if (role === 'elected_official') {
      // A signing delegation in force: recorded by one administrator, confirmed by another (four eyes).
      await db.query(
        `INSERT INTO signing_delegation (user_id, arrete_reference, arrete_date, scope, starts_on,
                                         created_by, created_at, confirmed_by, confirmed_at)
         VALUES ($1, 'Arrêté de délégation bench', '2026-01-02', 'ALL', '2026-01-02',
                 'bench-admin-1', now(), 'bench-admin-2', now())`,
        [user.id],
      );
    }
  }
  // As AuthService.createToken: a random secret, only its SHA-256 stored.
  const secret = `scic_${randomBytes(32).toString('base64url')}`;
  const [{ id }] = await db.query(
    `INSERT INTO auth_credential (kind, secret_hash, user_id, role, name, last_used_at, expires_at)
     VALUES ('token', $1, $2, 'instructor', 'bench', now(), now() + interval '2 days') RETURNING id`,
    [createHash('sha256').update(secret).digest('hex'), BENCH_USERS.instructor.id],
  );
  return { secret, id, userId: BENCH_USERS.instructor.id };
}

export async function insertDossiers(db, rows) {
  await db.query(
    `INSERT INTO dossier (id, reference, scic_id, requested_amount_cents, nominal_share_value_cents, state,
                          machine_version, snapshot, version, created_by, created_at, updated_at)
     SELECT u.id, u.reference, u.scic_id, u.requested, u.nominal, u.state, ${MACHINE_VERSION}, u.snapshot, u.version,
            '${BENCH_USERS.instructor.id}', u.created_at, u.updated_at
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::bigint[], $5::bigint[], $6::text[], $7::jsonb[],
                   $8::int[], $9::timestamptz[], $10::timestamptz[])
         AS u(id, reference, scic_id, requested, nominal, state, snapshot, version, created_at, updated_at)`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.reference),
      rows.map((r) => r.scicId),
      rows.map((r) => r.requested),
      rows.map((r) => r.nominal),
      rows.map((r) => r.state),
      rows.map((r) => r.snapshot),
      rows.map((r) => r.version),
      rows.map((r) => r.createdAt),
      rows.map((r) => r.updatedAt),
    ],
  );
}

async function insertJournal(db, rows) {
  await db.query(
    `INSERT INTO journal_entry (dossier_id, seq, type, actor_id, actor_role, actor_credential, occurred_at, payload,
                                prev_hash, hash)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[],
                          $7::timestamptz[], $8::jsonb[], $9::text[], $10::text[])`,
    [
      rows.map((r) => r.dossierId),
      rows.map((r) => r.seq),
      rows.map((r) => r.type),
      rows.map((r) => r.actorId),
      rows.map((r) => r.actorRole),
      rows.map((r) => r.actorCredential),
      rows.map((r) => r.occurredAt.toISOString()),
      rows.map((r) => JSON.stringify(r.payload)),
      rows.map((r) => r.prevHash),
      rows.map((r) => r.hash),
    ],
  );
}
