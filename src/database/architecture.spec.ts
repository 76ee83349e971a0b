/**
 * Rules of the module structure that the import graph cannot show (issue 17): no
 * dependency hidden from it, and the dossier row lock written once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const sources = sourceFiles(SRC).map((file) => ({ file: relative(SRC, file), text: readFileSync(file, 'utf8') }));
const filesMatching = (pattern: RegExp) => sources.filter(({ text }) => pattern.test(text)).map(({ file }) => file);

describe('module structure', () => {
  it('resolves no provider at run time (ModuleRef): every dependency is an import', () => {
    expect(filesMatching(/\bModuleRef\b/)).toEqual([]);
  });

  it('declares no global module: a module imports what it uses', () => {
    expect(filesMatching(/@Global\(/)).toEqual([]);
  });

  it('locks the dossier row in one place, DossierLock', () => {
    expect(filesMatching(/FROM\s+dossier\b[^`']*FOR UPDATE/)).toEqual(['dossiers/dossier-lock.ts']);
  });
});
