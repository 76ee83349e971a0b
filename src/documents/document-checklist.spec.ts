import { checklist, missingPieceProblems, validVersions, type PieceVersion } from './document-checklist.js';

const TYPES = [
  { code: 'STATUTS', label: 'Statuts', requiredStep: 'activity' },
  { code: 'KBIS', label: 'Extrait K-bis', requiredStep: 'activity' },
  { code: 'MEMBERS_BY_CATEGORY', label: 'Liste des associés par catégorie', requiredStep: 'essPractices' },
  { code: 'OTHER', label: 'Autre pièce', requiredStep: null },
];

let clock = 0;
function version(typeCode: string, pieceId: string, number: number, replaced = false): PieceVersion {
  clock += 1000;
  return {
    id: `${pieceId}-v${number}`,
    typeCode,
    pieceId,
    version: number,
    replacedAt: replaced ? new Date(clock) : null,
    uploadedAt: new Date(clock),
  };
}

const missing = (documents: PieceVersion[], step: 'activity' | 'essPractices' = 'activity') =>
  missingPieceProblems(TYPES, documents, step).map((problem) => problem.field);

describe('required pieces of a step', () => {
  it.each<[string, PieceVersion[], string[]]>([
    ['nothing uploaded: both activity pieces missing', [], ['documents.STATUTS', 'documents.KBIS']],
    ['one uploaded', [version('STATUTS', 's', 1)], ['documents.KBIS']],
    ['both uploaded', [version('STATUTS', 's', 1), version('KBIS', 'k', 1)], []],
    ['a piece of another type does not count', [version('OTHER', 'o', 1)], ['documents.STATUTS', 'documents.KBIS']],
    [
      'a piece marked replaced does not count',
      [version('STATUTS', 's', 1, true), version('KBIS', 'k', 1)],
      ['documents.STATUTS'],
    ],
    [
      'a piece marked replaced counts again once a newer version exists',
      [version('STATUTS', 's', 1, true), version('STATUTS', 's', 2), version('KBIS', 'k', 1)],
      [],
    ],
    [
      'a newest version marked replaced: the older one, superseded, does not count',
      [version('STATUTS', 's', 1), version('STATUTS', 's', 2, true), version('KBIS', 'k', 1)],
      ['documents.STATUTS'],
    ],
    [
      'another piece of the same type stands in for a replaced one',
      [version('STATUTS', 's', 1, true), version('STATUTS', 't', 1), version('KBIS', 'k', 1)],
      [],
    ],
  ])('%s', (_name, documents, expected) => {
    expect(missing(documents)).toEqual(expected);
  });

  it('names each missing piece in French', () => {
    expect(missingPieceProblems(TYPES, [], 'essPractices')).toEqual([
      {
        field: 'documents.MEMBERS_BY_CATEGORY',
        code: 'DOCUMENT_MISSING',
        message: 'Pièce manquante : Liste des associés par catégorie',
      },
    ]);
  });

  it('asks nothing of a step for the pieces of another', () => {
    expect(missing([version('MEMBERS_BY_CATEGORY', 'm', 1)], 'essPractices')).toEqual([]);
    expect(missing([version('MEMBERS_BY_CATEGORY', 'm', 1)], 'activity')).toHaveLength(2);
  });
});

describe('checklist', () => {
  it('lists every required type of every step, with the version that counts', () => {
    const statuts = version('STATUTS', 's', 1);
    const newer = version('STATUTS', 's', 2);
    expect(checklist(TYPES, [statuts, newer])).toEqual([
      { step: 'activity', type: 'STATUTS', label: 'Statuts', present: true, documentId: newer.id },
      { step: 'activity', type: 'KBIS', label: 'Extrait K-bis', present: false, documentId: null },
      {
        step: 'essPractices',
        type: 'MEMBERS_BY_CATEGORY',
        label: 'Liste des associés par catégorie',
        present: false,
        documentId: null,
      },
    ]);
  });

  it('keeps only the newest unreplaced version of each piece', () => {
    const documents = [version('STATUTS', 's', 1), version('STATUTS', 's', 2), version('KBIS', 'k', 1, true)];
    expect(validVersions(documents).map((document) => document.id)).toEqual(['s-v2']);
  });
});
