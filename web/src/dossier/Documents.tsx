/** The dossier's pieces: the checklist per step, every version, downloads, and the upload (instructor). */
import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api/client';
import type { DocumentList, DocumentType } from '../api/views';
import { ErrorMessage, Loading, Notice } from '../components/ui';
import { formatDateTime, formatInteger } from '../format';
import { useLoad } from '../hooks';
import { INSTRUCTION_STEP_LABELS, MESSAGES } from '../i18n/fr';

export function Documents({
  dossierId,
  canUpload,
  onChanged,
}: {
  dossierId: string;
  canUpload: boolean;
  onChanged(): void;
}) {
  const [round, setRound] = useState(0);
  const list = useLoad(() => api.get<DocumentList>(`/dossiers/${dossierId}/documents`), `${dossierId}/${round}`);
  const types = useLoad(() => api.get<{ items: DocumentType[] }>('/document-types'), 'document-types');
  if (list.error) return <ErrorMessage error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">Pièces du dossier</h2>
      <h3>Pièces exigées par étape</h3>
      <ul className="checks">
        {list.data.checklist.map((item) => (
          <li key={item.type} className={`check check-${item.present ? 'ok' : 'ko'}`}>
            <span className="check-mark">{item.present ? 'Fournie' : 'Manquante'}</span> — {item.label} (
            {INSTRUCTION_STEP_LABELS[item.step] ?? item.step})
          </li>
        ))}
      </ul>
      {canUpload && types.data && (
        <Upload
          dossierId={dossierId}
          types={types.data.items}
          onUploaded={() => {
            setRound((value) => value + 1);
            onChanged();
          }}
        />
      )}
      <h3>Toutes les versions</h3>
      {list.data.items.length === 0 ? (
        <p>Aucune pièce.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Pièces et versions</caption>
          <thead>
            <tr>
              <th scope="col">Pièce</th>
              <th scope="col">Fichier</th>
              <th scope="col">Version</th>
              <th scope="col">Déposée le</th>
              <th scope="col">Empreinte SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((document) => (
              <tr key={document.id}>
                <td>
                  {document.typeLabel}
                  {document.superseded && <span className="muted"> (remplacée par une version plus récente)</span>}
                  {document.replaced && <span className="muted"> (marquée remplacée)</span>}
                </td>
                <td>
                  <a href={`/api/documents/${document.id}/content`} download={document.fileName}>
                    Télécharger {document.fileName}
                  </a>{' '}
                  <span className="muted">({formatInteger(Math.ceil(document.sizeBytes / 1024))} Ko)</span>
                </td>
                <td>{document.version}</td>
                <td>{formatDateTime(document.uploadedAt)}</td>
                <td className="hash">{document.sha256.slice(0, 16)}…</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Upload({ dossierId, types, onUploaded }: { dossierId: string; types: DocumentType[]; onUploaded(): void }) {
  const [type, setType] = useState(types[0]?.code ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.set('type', type);
    form.set('file', file);
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/dossiers/${dossierId}/documents`, form);
      setDone(`${file.name} : ${MESSAGES.saved}`);
      setFile(null);
      (event.target as HTMLFormElement).reset();
      onUploaded();
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form panel" onSubmit={submit} aria-labelledby="upload-title">
      <h3 id="upload-title">Ajouter une pièce</h3>
      {error && <ErrorMessage error={error} />}
      {done && <Notice kind="success">{done}</Notice>}
      <div className="field">
        <label htmlFor="f-upload-type">Type de pièce</label>
        <select id="f-upload-type" value={type} onChange={(event) => setType(event.target.value)}>
          {types.map((option) => (
            <option key={option.code} value={option.code}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-upload-file">Fichier (PDF, image, bureautique ou CSV)</label>
        <input id="f-upload-file" type="file" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
      </div>
      <button type="submit" className="button primary" disabled={busy || !file}>
        {busy ? MESSAGES.saving : 'Déposer la pièce'}
      </button>
    </form>
  );
}
