import * as templates from './templates.js';
import { escapeHtml } from './templates.js';

const DOSSIER = { reference: 'SCIC-2026-0042', scicName: 'SCIC Les Jardins d’Arras' };

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&#60;a href=&#34;x&#34;&#62;Tom &#38; &#39;Jerry&#39;&#60;/a&#62;',
    );
  });
});

describe('complementsRequested', () => {
  const reason = 'Bilan 2025 <script>alert("x")</script> & annexes';
  const message = templates.complementsRequested(DOSSIER, reason, '2026-12-01');

  it('names the reference in the subject', () => {
    expect(message.subject).toBe('Demande de compléments — dossier SCIC-2026-0042');
  });

  it('gives the due date in French', () => {
    expect(message.text).toContain('au plus tard le 1er décembre 2026');
    expect(message.html).toContain('au plus tard le 1er décembre 2026');
  });

  it('escapes the reason in HTML and keeps it as is in text', () => {
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('Bilan 2025 &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; annexes');
    expect(message.text).toContain(reason);
  });

  it('ends with the signature', () => {
    expect(message.text.trimEnd().endsWith('La Mission ESS du Département')).toBe(true);
    expect(message.html).toMatch(/^<!doctype html><html lang="fr">/);
  });
});

describe('complementsRequested naming pieces', () => {
  const pieces = ['Comptes annuels N-1', 'Plan de financement <v2> & annexes'];
  const message = templates.complementsRequested(DOSSIER, 'Pièces comptables', '2026-12-01', pieces);

  it('lists each piece as an item, in text and HTML', () => {
    expect(message.text).toContain(
      'Pièces à transmettre :\n\n- Comptes annuels N-1\n- Plan de financement <v2> & annexes',
    );
    expect(message.html).toContain(
      '<ul><li>Comptes annuels N-1</li><li>Plan de financement &#60;v2&#62; &#38; annexes</li></ul>',
    );
  });

  it('keeps the list between the reason and the due date', () => {
    const order = ['Pièces comptables', 'Pièces à transmettre', 'au plus tard le 1er décembre 2026'].map((part) =>
      message.text.indexOf(part),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.every((at) => at >= 0)).toBe(true);
  });

  it('says nothing of pieces when none is named', () => {
    const plain = templates.complementsRequested(DOSSIER, 'Pièces comptables', '2026-12-01');
    expect(plain.text).not.toContain('Pièces à transmettre');
    expect(plain.html).not.toContain('<ul>');
  });
});

describe('subjects name the reference', () => {
  it.each([
    ['complementsRequested', templates.complementsRequested(DOSSIER, 'x', '2026-12-01')],
    ['committeeScheduled', templates.committeeScheduled(DOSSIER, '2026-12-01')],
    ['opinionRecorded', templates.opinionRecorded(DOSSIER, 'FAVOURABLE')],
    ['decisionRecorded', templates.decisionRecorded(DOSSIER, 'APPROVED')],
    ['decisionSigned', templates.decisionSigned(DOSSIER, true)],
    ['deadlineReminder', templates.deadlineReminder(DOSSIER, 'instruction.activity', '2026-11-22')],
    ['deadlineOverdue', templates.deadlineOverdue(DOSSIER, 'instruction.activity', '2026-11-22')],
  ])('%s', (_name, message) => {
    expect(message.subject).toContain('SCIC-2026-0042');
    expect(message.text).toContain('SCIC-2026-0042');
  });

  it('deadline messages give the step label and the French date', () => {
    const overdue = templates.deadlineOverdue(DOSSIER, 'instruction.activity', '2026-11-22');
    expect(overdue.subject).toBe('Échéance dépassée — dossier SCIC-2026-0042');
    expect(overdue.text).toContain('devait être achevée le 22 novembre 2026');
    expect(overdue.text).not.toContain('« instruction.activity »');
    const reminder = templates.deadlineReminder(DOSSIER, 'instruction.activity', '2026-12-01');
    expect(reminder.text).toContain('arrive à échéance le 1er décembre 2026');
  });

  it('an opinion is said in French', () => {
    expect(templates.opinionRecorded(DOSSIER, 'FAVOURABLE_WITH_CONDITIONS').text).toContain(
      'avis favorable sous conditions',
    );
  });
});

describe('committeeScheduled', () => {
  it('tells the session by its date, not its id', () => {
    expect(templates.committeeScheduled(DOSSIER, '2026-12-01').text).toContain(
      'à l’ordre du jour de la séance du 1er décembre 2026 du comité d’engagement',
    );
    expect(templates.committeeScheduled(DOSSIER, null).text).toContain('à l’ordre du jour d’une séance du comité');
  });
});
