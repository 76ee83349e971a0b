import { transition } from 'xstate';
import { dossierMachine } from '../../src/workflow/dossier.machine.js';
import { factsAllMet, type DossierCommand } from '../../src/workflow/dossier.events.js';
import { decide, initialPersistedSnapshot, revive } from '../../src/workflow/dossier.workflow.js';

it('scratch', () => {
  const facts = factsAllMet('2026-11-23');
  let p = initialPersistedSnapshot().snapshot;
  const cmds: DossierCommand[] = [{ type: 'SUBMIT' }, { type: 'COMPLETE_ACTIVITY' }, { type: 'REQUEST_COMPLEMENTS', reason: 'x', dueDate: '2026-12-01' }];
  for (const c of cmds) {
    const d = decide(p, c, facts);
    if (d.kind !== 'accepted') throw new Error(JSON.stringify(d));
    p = JSON.parse(JSON.stringify(d.snapshot));
  }
  console.log(JSON.stringify(p));
  const s = revive(p);
  console.log(Object.keys(s.historyValue), s.historyValue);
  const [n] = transition(dossierMachine, s, { type: 'SIGN', facts });
  console.log('same ref', n === s);
  const [m] = transition(dossierMachine, s, { type: 'WITHDRAW', reason: '', facts });
  console.log('same ref guard', m === s);
});
