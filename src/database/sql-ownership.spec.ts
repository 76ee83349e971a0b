/**
 * Each table belongs to one module: the folder under src/ holding its entity. SQL in a
 * module may name its own tables and the read models (views created by migrations,
 * listed in src/read-models/); any other table is reached through its owner's exported
 * methods. This test reads every SQL string in src/ and fails on a foreign table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../', import.meta.url));

/**
 * The exceptions, each explained. Key: file under src/; value: the foreign tables it may name.
 * Keep it short: an entry here is a rule that may be checked in two places.
 */
const EXCEPTIONS: Record<string, { tables: string[]; why: string }> = {
  'advances/advances.service.ts': { tables: ['dossier', 'scic'], why: 'pending (issue 17)' },
  'amounts/amount-gate.service.ts': { tables: ['dossier', 'participation_payment'], why: 'pending (issue 17)' },
  'amounts/scic-position.ts': { tables: ['committee_opinion', 'decision', 'dossier'], why: 'pending (issue 17)' },
  'analyses/analyses-reader.service.ts': {
    tables: ['departmental_service', 'policy_orientation'],
    why: 'pending (issue 17)',
  },
  'analyses/analyses-views.service.ts': { tables: ['dossier'], why: 'pending (issue 17)' },
  'analyses/analyses.service.ts': { tables: ['dossier'], why: 'pending (issue 17)' },
  'committee/committee-facts.provider.ts': { tables: ['dossier'], why: 'pending (issue 17)' },
  'committee/committee-transitions.listener.ts': { tables: ['dossier'], why: 'pending (issue 17)' },
  'committee/interest-declarations.ts': {
    tables: ['app_user', 'decision', 'dossier', 'scic'],
    why: 'pending (issue 17)',
  },
  'committee/members/members.service.ts': {
    tables: ['app_user', 'departmental_service', 'user_role'],
    why: 'pending (issue 17)',
  },
  'committee/minutes/closing.service.ts': { tables: ['app_user', 'dossier', 'scic'], why: 'pending (issue 17)' },
  'committee/opinions/composition.service.ts': { tables: ['app_user', 'dossier'], why: 'pending (issue 17)' },
  'committee/opinions/member-acts.service.ts': { tables: ['dossier'], why: 'pending (issue 17)' },
  'committee/opinions/opinions.service.ts': { tables: ['app_user'], why: 'pending (issue 17)' },
  'committee/sessions/convocations.service.ts': {
    tables: ['app_user', 'dossier', 'scic'],
    why: 'pending (issue 17)',
  },
  'committee/sessions/session-rows.ts': { tables: ['dossier'], why: 'pending (issue 17)' },
  'committee/sessions/sessions.service.ts': {
    tables: ['app_user', 'dossier', 'scic', 'user_role'],
    why: 'pending (issue 17)',
  },
  'decisions/corrections.service.ts': { tables: ['dossier'], why: 'pending (issue 17)' },
  'decisions/decision-documents.service.ts': {
    tables: ['app_user', 'committee_session', 'dossier', 'scic', 'signing_delegation'],
    why: 'pending (issue 17)',
  },
  'decisions/decision-rows.ts': {
    tables: ['app_user', 'committee_opinion', 'committee_session', 'dossier'],
    why: 'pending (issue 17)',
  },
  'decisions/decisions-transitions.listener.ts': {
    tables: ['budget_envelope', 'committee_opinion', 'committee_session', 'dossier'],
    why: 'pending (issue 17)',
  },
  'decisions/decisions.service.ts': { tables: ['dossier'], why: 'pending (issue 17)' },
  'demo/demo-seed.ts': { tables: ['app_user', 'dossier'], why: 'pending (issue 17)' },
  'documents/document-catalog.service.ts': { tables: ['dossier'], why: 'pending (issue 17)' },
  'documents/documents.service.ts': { tables: ['dossier'], why: 'pending (issue 17)' },
  'dossiers/dossiers.service.ts': { tables: ['activity_analysis'], why: 'pending (issue 17)' },
  'exports/exports.service.ts': {
    tables: ['decision', 'dossier', 'dossier_deadline', 'scic'],
    why: 'pending (issue 17)',
  },
  'journal/checkpoint.service.ts': { tables: ['dossier'], why: 'pending (issue 17)' },
  'journal/journal-audit.ts': { tables: ['dossier'], why: 'pending (issue 17)' },
  'journal/journal.service.ts': { tables: ['dossier'], why: 'pending (issue 17)' },
  'notifications/outbox-handlers.ts': { tables: ['committee_session'], why: 'pending (issue 17)' },
  'participation/participation.service.ts': { tables: ['decision', 'dossier'], why: 'pending (issue 17)' },
  'participation/stakes.ts': {
    tables: ['decision', 'dossier', 'ess_practices_analysis', 'scic'],
    why: 'pending (issue 17)',
  },
  'reports/reports.service.ts': { tables: ['dossier', 'scic'], why: 'pending (issue 17)' },
  'workflow/workflow-runner.service.ts': { tables: ['dossier'], why: 'pending (issue 17)' },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const moduleOf = (file: string): string => relative(SRC, file).split(sep)[0];

/** Table name → owning module, from the entities' @Entity('name'). */
function tableOwners(files: string[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of files.filter((f) => f.endsWith('.entity.ts'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/@Entity\('(\w+)'\)/g))
      owners.set(match[1], moduleOf(file));
  }
  return owners;
}

const SQL_TABLE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+"?(\w+)"?/gi;
/** The database layer (migrations runner, roles, embedded server) speaks to every table. */
const INFRASTRUCTURE = new Set(['database']);

const files = sourceFiles(SRC);
const owners = tableOwners(files);

function foreignTables(file: string): string[] {
  const module = moduleOf(file);
  const found = new Set<string>();
  for (const match of readFileSync(file, 'utf8').matchAll(SQL_TABLE)) {
    const owner = owners.get(match[1]);
    if (owner && owner !== module) found.add(match[1]);
  }
  return [...found].sort();
}

describe('SQL table ownership', () => {
  it('finds the entities', () => {
    expect(owners.get('dossier')).toBe('dossiers');
    expect(owners.size).toBeGreaterThan(30);
  });

  const checked = files.filter((file) => !INFRASTRUCTURE.has(moduleOf(file)));
  it.each(checked.map((file) => [relative(SRC, file)]))('%s names only its module’s tables', (file) => {
    const allowed = EXCEPTIONS[file]?.tables ?? [];
    expect(foreignTables(join(SRC, file)).filter((table) => !allowed.includes(table))).toEqual([]);
  });

  it('lists no exception that is not needed any more', () => {
    const stale = Object.entries(EXCEPTIONS).flatMap(([file, { tables }]) => {
      const foreign = foreignTables(join(SRC, file));
      return tables.filter((table) => !foreign.includes(table)).map((table) => `${file}: ${table}`);
    });
    expect(stale).toEqual([]);
  });
});
