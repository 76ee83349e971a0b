/**
 * migrations/index.ts lists the migrations by hand (not globbed): every migration file
 * must be in ALL_MIGRATIONS, under the class name TypeORM generates, in timestamp order.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_MIGRATIONS } from '../../migrations/index.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
const FILE_NAME = /^(\d+)-([A-Za-z][A-Za-z0-9]*)\.ts$/;
const CLASS_NAME = /^([A-Za-z][A-Za-z0-9]*?)(\d+)$/;

const files = readdirSync(MIGRATIONS_DIR)
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts' && !file.endsWith('.d.ts'))
  .sort();

interface FileMigration {
  file: string;
  timestamp: number;
  className: string;
}

function parseFile(file: string): FileMigration | null {
  const match = FILE_NAME.exec(file);
  return match ? { file, timestamp: Number(match[1]), className: `${match[2]}${match[1]}` } : null;
}

const fromFiles = files.map(parseFile).filter((migration): migration is FileMigration => migration !== null);
const listedNames = ALL_MIGRATIONS.map((migration) => migration.name);

describe('migrations/index.ts ALL_MIGRATIONS', () => {
  it('finds the migrations folder and at least one migration', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(ALL_MIGRATIONS.length).toBeGreaterThan(0);
  });

  it.each(files.map((file) => [file]))('%s is named <timestamp>-<Name>.ts', (file) => {
    expect(file).toMatch(FILE_NAME);
  });

  it.each(fromFiles.map((migration) => [migration.file, migration.className]))(
    '%s is listed as %s',
    (_file, className) => {
      expect(listedNames).toContain(className);
    },
  );

  it.each(fromFiles.map((migration) => [migration.file, migration.className]))(
    '%s exports the very class %s that is listed',
    async (file, className) => {
      const module = (await import(`../../migrations/${file.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
      expect(typeof module[className]).toBe('function');
      expect(ALL_MIGRATIONS).toContain(module[className]);
      // TypeORM records `name` when the instance sets it: it must be the class name too.
      const instance = new (module[className] as new () => { name?: string })();
      if (instance.name !== undefined) expect(instance.name).toBe(className);
    },
  );

  it.each(listedNames.map((name) => [name]))('listed class %s has a migration file', (name) => {
    const match = CLASS_NAME.exec(name);
    expect(match).not.toBeNull();
    const [, base, timestamp] = match!;
    expect(files).toContain(`${timestamp}-${base}.ts`);
  });

  it('lists each migration once, exactly the files of the folder, in timestamp order', () => {
    const expected = [...fromFiles].sort((a, b) => a.timestamp - b.timestamp).map((m) => m.className);
    expect(new Set(listedNames).size).toBe(listedNames.length);
    expect(listedNames).toEqual(expected);
  });

  it('has strictly increasing timestamps', () => {
    const timestamps = listedNames.map((name) => Number(CLASS_NAME.exec(name)?.[2]));
    for (let index = 1; index < timestamps.length; index++) {
      expect(timestamps[index]).toBeGreaterThan(timestamps[index - 1]);
    }
  });
});
