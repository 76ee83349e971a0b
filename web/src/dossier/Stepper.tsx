import { STEP_LABELS, STEP_STATUS } from '../i18n/fr';

/** The five steps: done, current, visited (after a send-back) or to come; text says it, not only colour. */
export function Stepper({ current, visited, stopped }: { current: number; visited: Set<number>; stopped: boolean }) {
  return (
    <nav aria-label="Étapes du dossier">
      <ol className="stepper">
        {STEP_LABELS.map((label, index) => {
          const status =
            index < current
              ? 'done'
              : index === current && !stopped
                ? 'current'
                : visited.has(index)
                  ? 'visited'
                  : 'todo';
          return (
            <li key={label} className={`step step-${status}`} aria-current={status === 'current' ? 'step' : undefined}>
              <span className="step-number" aria-hidden="true">
                {status === 'done' ? '✓' : index + 1}
              </span>
              <span className="step-label">
                <span className="visually-hidden">Étape {index + 1} : </span>
                {label}
                <span className="step-status">{STEP_STATUS[status]}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
