/** The server's exports, as plain links: the browser downloads the file the API names. */
export function ExportLinks({ table, what }: { table: 'dossiers' | 'portfolio'; what: string }) {
  return (
    <p className="document-links">
      {(['csv', 'xlsx'] as const).map((format) => (
        <a key={format} className="button secondary" href={`/api/exports/${table}.${format}`} download>
          Exporter {what} ({format.toUpperCase()})
        </a>
      ))}
    </p>
  );
}
