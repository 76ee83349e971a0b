/**
 * Every validation message of every DTO, provoked with wrong types and values, names its
 * field by its French label: no property name (camelCase) nor code (SCREAMING_CASE) in it.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import { flattenValidationErrors, IDENTIFIER, VALIDATOR_OPTIONS } from './validation.js';

const SRC = join(process.cwd(), 'src');

function dtoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return dtoFiles(path);
    const isDto = /\.(dto|query)\.ts$/.test(name) || (/[/\\]dto[/\\]/.test(path) && name.endsWith('.ts'));
    return isDto && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

type Ctor = new () => object;

async function dtoClasses(): Promise<Ctor[]> {
  const storage = getMetadataStorage();
  const classes = new Set<Ctor>();
  for (const file of dtoFiles(SRC)) {
    const module = (await import(file)) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (typeof value !== 'function') continue;
      if (storage.getTargetValidationMetadatas(value, '', true, false).length) classes.add(value as Ctor);
    }
  }
  return [...classes];
}

/** Wrong values of every type, and values out of any range. */
const WRONG_VALUES: unknown[] = [
  'NaN',
  'x',
  '',
  '   ',
  12.5,
  -1,
  0,
  1e20,
  Number.NaN,
  true,
  {},
  [],
  ['A', 'A'],
  [1, 2],
  null,
  'x'.repeat(20_000),
  '2026-02-30',
  'FAVOURABLE',
];

async function messagesOf(cls: Ctor): Promise<{ field: string; message: string }[]> {
  const properties = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(cls, '', true, false)
      .map((meta) => meta.propertyName),
  );
  const found: { field: string; message: string }[] = [];
  for (const property of properties) {
    for (const value of WRONG_VALUES) {
      const instance = plainToInstance(cls, { [property]: value }, { enableImplicitConversion: false });
      const errors = await validate(instance, VALIDATOR_OPTIONS);
      for (const field of flattenValidationErrors(errors))
        for (const message of field.messages) found.push({ field: field.field, message });
    }
  }
  return found;
}

describe('validation messages', () => {
  let classes: Ctor[];
  beforeAll(async () => {
    classes = await dtoClasses();
  });

  it('finds the DTOs', () => {
    expect(classes.length).toBeGreaterThan(20);
  });

  it('name no property nor code, and always a field label', async () => {
    const bad: string[] = [];
    for (const cls of classes) {
      for (const { field, message } of await messagesOf(cls)) {
        if (message.startsWith('Champ inconnu')) continue;
        if (IDENTIFIER.test(message) || message.startsWith('Ce champ') || /centimes?/.test(message))
          bad.push(`${cls.name}.${field}: ${message}`);
      }
    }
    expect([...new Set(bad)]).toEqual([]);
  });

  it('checks the type before the range, and a list before its items', async () => {
    const { flattenValidationErrors: flatten } = await import('./validation.js');
    const analysis = classes.find((cls) => cls.name === 'ActivityAnalysisDto');
    expect(analysis).toBeDefined();
    const numberErrors = await validate(plainToInstance(analysis!, { employeesFte: 'NaN' }), VALIDATOR_OPTIONS);
    expect(flatten(numberErrors).find((f) => f.field === 'employeesFte')?.messages).toEqual([
      'Salariés (équivalents temps plein) : saisissez un nombre.',
    ]);
  });

  async function messagesFor(name: string, body: object): Promise<string[]> {
    const cls = classes.find((candidate) => candidate.name === name);
    expect(cls).toBeDefined();
    return flattenValidationErrors(await validate(plainToInstance(cls!, body), VALIDATOR_OPTIONS)).flatMap(
      (field) => field.messages,
    );
  }

  it('says what the issue asked for, by the fields’ labels', async () => {
    expect(await messagesFor('RequestComplementsEventDto', { pieces: 'STATUTS' })).toContain(
      'Pièces demandées : une liste est attendue.',
    );
    expect(await messagesFor('RecordOpinionEventDto', { opinion: 'NOPE' })).toContain(
      'Avis : choisissez une valeur dans la liste.',
    );
    expect(await messagesFor('CreateDossierDto', { requestedAmountCents: 'beaucoup' })).toContain(
      'Montant demandé (€) : saisissez un nombre.',
    );
  });
});
