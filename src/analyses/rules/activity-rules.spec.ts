import type { ActivityAnalysisData } from '../analysis.types.js';
import type { Problem } from '../../workflow/dossier.events.js';
import { activityCompletenessProblems, unknownOrientationProblems, type OrientationRef } from './activity-rules.js';
import { completeActivityExample } from './examples.js';

const ORIENTATIONS: OrientationRef[] = [
  {
    code: 'INSERTION',
    label: 'Insertion par l’activité économique',
    competenceCode: 'SOCIAL_ACTION',
    competenceLabel: 'Action sociale',
    serviceCodes: ['DIR_INSERTION'],
    active: true,
  },
  {
    code: 'CULTURE_ACCESS',
    label: 'Accès à la culture',
    competenceCode: 'CULTURE',
    competenceLabel: 'Culture',
    serviceCodes: ['DIR_CULTURE'],
    active: true,
  },
  {
    code: 'OLD_POLICY',
    label: 'Ancienne orientation',
    competenceCode: 'MOBILITY',
    competenceLabel: 'Mobilités',
    serviceCodes: [],
    active: false,
  },
];

const complete = () => completeActivityExample('INSERTION', 'SOCIAL_ACTION');
const summary = (problems: Problem[]) => problems.map((problem) => `${problem.field}:${problem.code}`);
const check = (changes: Partial<ActivityAnalysisData>) =>
  summary(activityCompletenessProblems({ ...complete(), ...changes }, ORIENTATIONS));

describe('activityCompletenessProblems (step 1)', () => {
  it('a complete analysis has no problem', () => {
    expect(activityCompletenessProblems(complete(), ORIENTATIONS)).toEqual([]);
  });

  it.each<[string, Partial<ActivityAnalysisData>, string[]]>([
    ['creation date missing', { creationDate: null }, ['creationDate:REQUIRED']],
    ['registered address blank', { registeredAddress: '   ' }, ['registeredAddress:REQUIRED']],
    ['territory served empty', { territoryServed: '' }, ['territoryServed:REQUIRED']],
    ['sector missing', { sector: null }, ['sector:REQUIRED']],
    [
      'activities description only no-break spaces',
      { activitiesDescription: '\u00a0\t' },
      ['activitiesDescription:REQUIRED'],
    ],
    ['fit assessment missing', { fitAssessment: null }, ['fitAssessment:REQUIRED']],
    ['employees missing', { employeesFte: null }, ['employeesFte:REQUIRED']],
    ['employees negative', { employeesFte: -0.5 }, ['employeesFte:INVALID_NUMBER']],
    ['beneficiaries missing', { beneficiariesReached: null }, ['beneficiariesReached:REQUIRED']],
    ['beneficiaries not an integer', { beneficiariesReached: 2.5 }, ['beneficiariesReached:INVALID_NUMBER']],
    ['turnover missing', { turnoverCents: null }, ['turnoverCents:REQUIRED']],
    ['turnover negative', { turnoverCents: -1 }, ['turnoverCents:INVALID_NUMBER']],
    ['comments missing', { comments: null }, ['comments:REQUIRED']],
    ['conclusion missing', { conclusion: null }, ['conclusion:REQUIRED']],
    ['conclusion DOES_NOT_FIT', { conclusion: 'DOES_NOT_FIT' }, ['conclusion:DOES_NOT_FIT']],
    [
      'no orientation',
      { orientationCodes: [] },
      ['orientationCodes:REQUIRED', 'competenceCode:COMPETENCE_NOT_OF_ORIENTATIONS'],
    ],
    ['competence missing (rule 6)', { competenceCode: null }, ['competenceCode:COMPETENCE_REQUIRED']],
    ['competence blank (rule 6)', { competenceCode: '  ' }, ['competenceCode:COMPETENCE_REQUIRED']],
    [
      'competence of an orientation not chosen',
      { competenceCode: 'CULTURE' },
      ['competenceCode:COMPETENCE_NOT_OF_ORIENTATIONS'],
    ],
    ['competence unknown to the referential', { competenceCode: 'SPACE' }, ['competenceCode:UNKNOWN_COMPETENCE']],
    ['orientation unknown', { orientationCodes: ['INSERTION', 'NOPE'] }, ['orientationCodes[1]:UNKNOWN_ORIENTATION']],
    [
      'orientation inactive',
      { orientationCodes: ['INSERTION', 'OLD_POLICY'] },
      ['orientationCodes[1]:INACTIVE_ORIENTATION'],
    ],
  ])('%s → %j', (_scenario, changes, expected) => {
    expect(check(changes)).toEqual(expected);
  });

  it.each<[string, Partial<ActivityAnalysisData>]>([
    ['zero employees, beneficiaries and turnover', { employeesFte: 0, beneficiariesReached: 0, turnoverCents: 0 }],
    ['fractional FTE', { employeesFte: 2.75 }],
    ['FITS_WITH_RESERVATIONS', { conclusion: 'FITS_WITH_RESERVATIONS' }],
    [
      'the competence of the second chosen orientation',
      { orientationCodes: ['INSERTION', 'CULTURE_ACCESS'], competenceCode: 'CULTURE' },
    ],
  ])('passes: %s', (_scenario, changes) => {
    expect(check(changes)).toEqual([]);
  });

  it('says that a DOES_NOT_FIT step cannot complete and the dossier may be closed', () => {
    const [problem] = activityCompletenessProblems({ ...complete(), conclusion: 'DOES_NOT_FIT' }, ORIENTATIONS);
    expect(problem.message).toMatch(/ne peut pas être terminée/);
    expect(problem.message).toMatch(/classé sans suite/);
  });

  it('names the competences the chosen orientations offer', () => {
    const [problem] = activityCompletenessProblems(
      { ...complete(), orientationCodes: ['INSERTION', 'CULTURE_ACCESS'], competenceCode: 'MOBILITY' },
      ORIENTATIONS,
    );
    expect(problem).toMatchObject({ field: 'competenceCode', code: 'COMPETENCE_NOT_OF_ORIENTATIONS' });
    expect(problem.message).toContain('« Action sociale », « Culture »');
  });

  it('reports every missing field of an empty analysis', () => {
    const empty: ActivityAnalysisData = {
      creationDate: null,
      registeredAddress: null,
      territoryServed: null,
      sector: null,
      activitiesDescription: null,
      employeesFte: null,
      beneficiariesReached: null,
      turnoverCents: null,
      orientationCodes: [],
      competenceCode: null,
      fitAssessment: null,
      conclusion: null,
      comments: null,
    };
    expect(summary(activityCompletenessProblems(empty, ORIENTATIONS)).sort()).toEqual(
      [
        'creationDate:REQUIRED',
        'registeredAddress:REQUIRED',
        'territoryServed:REQUIRED',
        'sector:REQUIRED',
        'activitiesDescription:REQUIRED',
        'fitAssessment:REQUIRED',
        'employeesFte:REQUIRED',
        'beneficiariesReached:REQUIRED',
        'turnoverCents:REQUIRED',
        'orientationCodes:REQUIRED',
        'competenceCode:COMPETENCE_REQUIRED',
        'conclusion:REQUIRED',
        'comments:REQUIRED',
      ].sort(),
    );
  });

  it('writes every message in French, ending with a full stop', () => {
    const problems = activityCompletenessProblems(
      { ...complete(), sector: null, orientationCodes: ['NOPE'], competenceCode: 'SPACE', conclusion: 'DOES_NOT_FIT' },
      ORIENTATIONS,
    );
    expect(problems.length).toBeGreaterThan(3);
    for (const problem of problems) expect(problem.message).toMatch(/^[A-ZÀ-ÖL].*\.$/);
  });
});

describe('unknownOrientationProblems (422 at write time)', () => {
  it.each<[string, string[], string | null, string[]]>([
    ['known, active, matching competence', ['INSERTION'], 'SOCIAL_ACTION', []],
    ['no orientation, no competence', [], null, []],
    ['a competence of another orientation still exists in the referential', ['INSERTION'], 'CULTURE', []],
    ['a competence only an inactive orientation carries still exists', ['INSERTION'], 'MOBILITY', []],
    ['unknown code', ['NOPE'], null, ['orientationCodes[0]:UNKNOWN_ORIENTATION']],
    ['inactive code', ['OLD_POLICY'], null, ['orientationCodes[0]:INACTIVE_ORIENTATION']],
    ['duplicated code', ['INSERTION', 'INSERTION'], null, ['orientationCodes[1]:DUPLICATE_ORIENTATION']],
    ['unknown competence', ['INSERTION'], 'SPACE', ['competenceCode:UNKNOWN_COMPETENCE']],
    [
      'everything wrong at once',
      ['X', 'OLD_POLICY', 'X'],
      'Y',
      [
        'orientationCodes[0]:UNKNOWN_ORIENTATION',
        'orientationCodes[1]:INACTIVE_ORIENTATION',
        'orientationCodes[2]:DUPLICATE_ORIENTATION',
        'competenceCode:UNKNOWN_COMPETENCE',
      ],
    ],
  ])('%s → %j', (_scenario, orientationCodes, competenceCode, expected) => {
    expect(
      summary(unknownOrientationProblems({ ...complete(), orientationCodes, competenceCode }, ORIENTATIONS)),
    ).toEqual(expected);
  });

  it('names the unknown code and the inactive orientation’s label', () => {
    const problems = unknownOrientationProblems(
      { ...complete(), orientationCodes: ['NOPE', 'OLD_POLICY'] },
      ORIENTATIONS,
    );
    expect(problems[0].message).toContain('« NOPE »');
    expect(problems[1].message).toContain('« Ancienne orientation »');
  });
});
