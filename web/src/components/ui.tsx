/** Small shared pieces: status messages, errors, the modal dialog, badges. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { MESSAGES } from '../i18n/fr';

export function Loading() {
  return (
    <p className="loading" role="status">
      {MESSAGES.loading}
    </p>
  );
}

/** An error from the API, with its French message and, when given, a way to retry. */
export function ErrorMessage({ error, onRetry }: { error: ApiError | Error; onRetry?: () => void }) {
  return (
    <div className="alert alert-error" role="alert">
      <p>{error.message}</p>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {MESSAGES.retry}
        </button>
      )}
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'success' ? 'status' : undefined}>
      {children}
    </div>
  );
}

/** The state badge: the API's French label, coloured by family (colour is never the only cue). */
export function StateBadge({ state, label }: { state: string; label: string }) {
  const family = state.split('.')[0];
  return <span className={`badge badge-${family}`}>{label}</span>;
}

/**
 * A modal dialog (native <dialog>: focus stays inside, Escape closes it, focus goes back
 * to the button that opened it).
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="dialog-title">{title}</h2>
      {children}
    </dialog>
  );
}

/**
 * Asks before an irreversible or outward action: says what it does, « Annuler » changes
 * nothing, the confirm button runs the action (the dialog stays open on its error).
 */
export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (caught) {
      setError(caught as ApiError);
      setBusy(false);
    }
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <p>{text}</p>
      {error && <ErrorMessage error={error} />}
      <div className="dialog-buttons">
        <button type="button" className="button secondary" onClick={onClose}>
          {MESSAGES.cancel}
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={() => void confirm()}>
          {busy ? MESSAGES.saving : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
