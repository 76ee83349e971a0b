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
const EXCEPTIONS: Record<string, { tables: string[]; why: string }> = {};

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
