import { type FormEvent, useState } from 'react';
import { catalogSection } from '../../catalog';
import { ErrorNote, Loading } from '../../components/status';
import { useLoad } from '../../components/use-load';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { FormatHelp } from './imports/format-help';
import { type ImportJob, ImportProgress } from './imports/import-progress';

/** The content type POST /v1/imports reads a file as; anything else the API refuses with its reason. */
function contentType(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'application/x-ndjson';
  return file.type || 'application/octet-stream';
}

/** Upload an import file, follow its progress, download its error report (furnisher). */
export function ImportsPage() {
  const { t } = useI18n();
  const session = useSession();
  const types = useLoad(async () => [...(await catalogSection('record-types')).values()], []);
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setJob(
        await session.call<ImportJob>('/v1/imports', {
          method: 'POST',
          raw: { data: file, type: contentType(file) },
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('console.imports')}</h1>
      <p className="muted">{t('imports.intro')}</p>
      <form className="card" onSubmit={upload}>
        <div className="field">
          <label htmlFor="import-file">{t('imports.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
            aria-describedby="import-file-hint"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <div id="import-file-hint" className="hint">
            {t('imports.fileHint')}
          </div>
        </div>
        <button type="submit" disabled={!file || busy}>
          {busy ? t('imports.uploading') : t('imports.upload')}
        </button>
      </form>
      <ErrorNote error={error} />
      {job && <ImportProgress key={job.id} initial={job} />}
      {types.error ? null : types.data ? (
        <FormatHelp types={types.data} />
      ) : (
        <Loading height="16rem" />
      )}
    </>
  );
}
