import type { DossierCommand } from '../workflow/dossier.events.js';
import { addDays, daysBetween, nextDeadline, type Deadline } from './deadline-rules.js';

const DURATIONS: Readonly<Record<string, number>> = {
  'instruction.activity': 30,
  'instruction.essPractices': 30,
  'instruction.economic': 45,
  'committee.awaitingSession': 60,
};

const TODAY = '2026-11-23';

describe('nextDeadline', () => {
  it.each([
    ['draft', 'instruction.activity', { type: 'SUBMIT' }, '2026-12-23'],
    ['instruction.activity', 'instruction.essPractices', { type: 'COMPLETE_ACTIVITY' }, '2026-12-23'],
    ['instruction.essPractices', 'instruction.economic', { type: 'COMPLETE_ESS_PRACTICES' }, '2027-01-07'],
    ['instruction.economic', 'committee.awaitingSession', { type: 'COMPLETE_ECONOMIC' }, '2027-01-22'],
  ] as [string, string, DossierCommand, string][])(
    'entering %s → %s starts the step clock today (due %s)',
    (fromState, toState, command, due) => {
      const current: Deadline = { state: fromState, dueDate: '2026-11-30', remainingDays: null };
      expect(nextDeadline(current, { fromState, toState, command, today: TODAY }, DURATIONS)).toEqual({
        state: toState,
        dueDate: due,
        remainingDays: null,
      });
    },
  );

  it.each([
    ['a running step', '2026-12-23', 30],
    ['a step due today', TODAY, 0],
    ['an overdue step', '2026-11-20', 0],
    ['a step without due date', null, null],
  ] as [string, string | null, number | null][])(
    'REQUEST_COMPLEMENTS on %s keeps the remaining days and takes the complements due date',
    (_name, dueDate, remaining) => {
      const current: Deadline = { state: 'instruction.activity', dueDate, remainingDays: null };
      const command: DossierCommand = { type: 'REQUEST_COMPLEMENTS', reason: 'Comptes 2025', dueDate: '2026-12-15' };
      expect(
        nextDeadline(
          current,
          { fromState: 'instruction.activity', toState: 'awaitingComplements', command, today: TODAY },
          DURATIONS,
        ),
      ).toEqual({ state: 'awaitingComplements', dueDate: '2026-12-15', remainingDays: remaining });
    },
  );

  it('REQUEST_COMPLEMENTS without any previous deadline keeps nothing', () => {
    const command: DossierCommand = { type: 'REQUEST_COMPLEMENTS', reason: 'x', dueDate: '2026-12-15' };
    expect(
      nextDeadline(
        null,
        { fromState: 'instruction.activity', toState: 'awaitingComplements', command, today: TODAY },
        DURATIONS,
      ),
    ).toEqual({ state: 'awaitingComplements', dueDate: '2026-12-15', remainingDays: null });
  });

  it.each([
    [20, '2026-12-13'],
    [1, '2026-11-24'],
    [0, TODAY],
  ])('RECEIVE_COMPLEMENTS gives the %i remaining days back (due %s)', (remainingDays, due) => {
    const current: Deadline = { state: 'awaitingComplements', dueDate: '2026-12-15', remainingDays };
    expect(
      nextDeadline(
        current,
        {
          fromState: 'awaitingComplements',
          toState: 'instruction.economic',
          command: { type: 'RECEIVE_COMPLEMENTS' },
          today: TODAY,
        },
        DURATIONS,
      ),
    ).toEqual({ state: 'instruction.economic', dueDate: due, remainingDays: null });
  });

  it('a step overdue when complements were requested gets 0 days back: due the day they arrive', () => {
    const requested = nextDeadline(
      { state: 'instruction.activity', dueDate: '2026-11-01', remainingDays: null },
      {
        fromState: 'instruction.activity',
        toState: 'awaitingComplements',
        command: { type: 'REQUEST_COMPLEMENTS', reason: 'x', dueDate: '2026-12-15' },
        today: TODAY,
      },
      DURATIONS,
    );
    expect(requested.remainingDays).toBe(0);
    const received = nextDeadline(
      requested,
      {
        fromState: 'awaitingComplements',
        toState: 'instruction.activity',
        command: { type: 'RECEIVE_COMPLEMENTS' },
        today: '2026-12-10',
      },
      DURATIONS,
    );
    expect(received).toEqual({ state: 'instruction.activity', dueDate: '2026-12-10', remainingDays: null });
  });

  it('RECEIVE_COMPLEMENTS with nothing kept starts the step afresh', () => {
    expect(
      nextDeadline(
        { state: 'awaitingComplements', dueDate: '2026-12-15', remainingDays: null },
        {
          fromState: 'awaitingComplements',
          toState: 'instruction.activity',
          command: { type: 'RECEIVE_COMPLEMENTS' },
          today: TODAY,
        },
        DURATIONS,
      ),
    ).toEqual({ state: 'instruction.activity', dueDate: '2026-12-23', remainingDays: null });
  });

  it.each([
    ['instruction.activity', 'withdrawn', { type: 'WITHDRAW', reason: 'x' }],
    ['instruction.activity', 'closed', { type: 'CLOSE', reason: 'x' }],
    ['decision.awaitingSignature', 'approved', { type: 'SIGN' }],
  ] as [string, string, DossierCommand][])('%s → %s (no duration) has no due date', (fromState, toState, command) => {
    expect(
      nextDeadline(
        { state: fromState, dueDate: '2026-12-01', remainingDays: null },
        { fromState, toState, command, today: TODAY },
        DURATIONS,
      ),
    ).toEqual({ state: toState, dueDate: null, remainingDays: null });
  });
});

describe('addDays', () => {
  it.each([
    ['2026-11-23', 0, '2026-11-23'],
    ['2026-11-23', 30, '2026-12-23'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-12-03', 30, '2027-01-02'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-03-28', 2, '2026-03-30'],
  ])('%s + %i = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-11-23', '2026-11-23', 0],
    ['2026-11-23', '2026-12-23', 30],
    ['2026-12-23', '2026-11-23', -30],
    ['2026-12-31', '2027-01-01', 1],
    ['2026-03-28', '2026-03-30', 2],
    ['2028-02-28', '2028-03-01', 2],
  ])('%s → %s = %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});
