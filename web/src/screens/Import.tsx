import { useRef, useState } from 'react';
import { ApiError, api, headers, type ImportReport, problemOf, withQuery } from '../api.ts';
import { useNotices } from '../notices.tsx';

const STRATEGIES = ['', 'never', 'rules', 'persistent', 'curiosity', 'adaptive'];
const PRESETS = ['', 'generic', 'hubspot', 'salesforce'];

/** Upload a CSV: the preset and mapping detected, a preview with problems, then the import with progress. */
export function Import() {
  const { say, fail } = useNotices();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [preset, setPreset] = useState('');
  const [strategy, setStrategy] = useState('');
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const check = async (chosen: File, presetName: string) => {
    setReport(null);
    setPreview(null);
    setProgress(null);
    try {
      const body = await chosen.text();
      setText(body);
      setPreview(
        await api<ImportReport>('/imports', {
          query: { dryRun: true, preview: 10, preset: presetName },
          csv: body,
          accept422: true,
        }),
      );
    } catch (error) {
      fail(error, `Reading ${chosen.name}`);
    }
  };

  const run = async () => {
    if (!file) return;
    setProgress(0);
    setReport(null);
    try {
      const response = await fetch(withQuery('/imports', { preset, strategy }), {
        method: 'POST',
        headers: headers({ 'content-type': 'text/csv', accept: 'application/x-ndjson' }),
        body: text,
      });
      if (!response.ok || !response.body) throw await problemOf(response);
      const total = new Blob([text]).size;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.trim()) continue;
          const event = JSON.parse(line) as
            | { type: 'progress'; bytes: number }
            | { type: 'report'; report: ImportReport }
            | { type: 'problem'; problem: ApiError['problem'] };
          if (event.type === 'progress') setProgress(Math.min(1, event.bytes / total));
          else if (event.type === 'report') {
            setProgress(1);
            setReport(event.report);
            say(
              `Imported ${event.report.imported} new, ${event.report.updated} updated, ${event.report.rejectedRows} rejected.`,
              { tone: event.report.rejectedRows > 0 ? 'info' : 'ok' },
            );
          } else throw new ApiError(event.problem);
        }
      }
    } catch (error) {
      setProgress(null);
      fail(error, 'Import');
    }
  };

  const shown = report ?? preview;
  return (
    <section className="import" aria-labelledby="import-title">
      <h1 id="import-title">Import prospects</h1>
      <p className="muted">
        A CSV exported from HubSpot or Salesforce, or Reach's own columns (first_name, last_name, title,
        company, email, phone_direct, phone_main, phone_mobile, timezone, city, region, country, value). Good
        rows are kept; every bad row is reported with its line and field.
      </p>
      <div className="row">
        <label>
          CSV file
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              if (chosen) void check(chosen, preset);
            }}
          />
        </label>
        <label>
          Preset
          <select
            value={preset}
            onChange={(e) => {
              setPreset(e.target.value);
              if (file) void check(file, e.target.value);
            }}
          >
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {p || 'detect from headers'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Voicemail strategy for this list
          <select value={strategy} onChange={(e) => setStrategy(e.target.value)}>
            {STRATEGIES.map((s) => (
              <option key={s} value={s}>
                {s || "the team's"}
              </option>
            ))}
          </select>
        </label>
      </div>

      {preview && (
        <>
          <h2>
            {preview.preset} export · {preview.rows} rows · {preview.rows - preview.rejectedRows} can be
            imported
          </h2>
          <h3>Columns</h3>
          <table className="grid mapping">
            <thead>
              <tr>
                <th>Column in the file</th>
                <th>Reach field</th>
              </tr>
            </thead>
            <tbody>
              {preview.mapping.map((m) => (
                <tr key={m.column} className={m.field ? '' : 'muted'}>
                  <td>{m.column}</td>
                  <td>{m.field ?? 'not read'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>First rows</h3>
          <div className="scroll">
            <table className="grid preview">
              <thead>
                <tr>
                  <th>Line</th>
                  {preview.mapping.map((m) => (
                    <th key={m.column}>{m.column}</th>
                  ))}
                  <th>Problems</th>
                </tr>
              </thead>
              <tbody>
                {preview.preview.map((row) => (
                  <tr key={row.line} className={row.problems.length > 0 ? 'bad' : ''}>
                    <td>{row.line}</td>
                    {preview.mapping.map((m, i) => (
                      <td key={m.column}>{row.cells[i] ?? ''}</td>
                    ))}
                    <td>{row.problems.map((p) => `${p.field}: ${p.reason}`).join('; ') || 'ok'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" className="primary" disabled={progress !== null} onClick={() => void run()}>
            Import {preview.rows} rows
          </button>
        </>
      )}

      {progress !== null && (
        <div className="progress">
          <label htmlFor="import-progress">Importing</label>
          <progress id="import-progress" max={1} value={progress} />
          <span>{Math.round(progress * 100)}%</span>
        </div>
      )}

      {report && shown && (
        <section aria-labelledby="report-title">
          <h2 id="report-title">Import finished</h2>
          <p>
            {report.rows} rows: {report.imported} new, {report.updated} updated, {report.unchanged} unchanged,{' '}
            {report.rejectedRows} rejected
            {report.warningCount > 0
              ? ` (${report.warningCount} kept without an unreadable second phone)`
              : ''}
            .
            {report.rejected.length < report.rejectedRows
              ? ` The first ${report.rejected.length} problems are listed; import from the command line with --rejects FILE for all of them.`
              : ''}
          </p>
          {report.rejected.length > 0 && (
            <>
              <button
                type="button"
                onClick={() => download(rejectedCsv(text, report.rejected), 'rejected-rows.csv')}
              >
                Download rejected rows (CSV)
              </button>
              <table className="grid">
                <thead>
                  <tr>
                    <th>Line</th>
                    <th>Field</th>
                    <th>Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rejected.map((r) => (
                    <tr key={`${r.line}-${r.field}`}>
                      <td>{r.line}</td>
                      <td>{r.field}</td>
                      <td>{r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}
    </section>
  );
}

/** The file's records by the line each starts on; quoted cells may hold newlines. */
export function recordsByLine(text: string): Map<number, string> {
  const records = new Map<number, string>();
  let start = 0;
  let line = 1;
  let startLine = 1;
  let quoted = false;
  const keep = (end: number) => {
    const record = text.slice(start, end).replace(/\r$/, '');
    if (record.length > 0) records.set(startLine, record);
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n') {
      line++;
      if (!quoted) {
        keep(i);
        start = i + 1;
        startLine = line;
      }
    }
  }
  keep(text.length);
  return records;
}

const csvCell = (value: string): string =>
  /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** The rejected rows as they were, with a column saying what to fix: ready to correct and import again. */
export function rejectedCsv(text: string, rejected: ImportReport['rejected']): string {
  const records = recordsByLine(text);
  const header = records.get(1) ?? '';
  const problems = new Map<number, string[]>();
  for (const r of rejected)
    problems.set(r.line, [...(problems.get(r.line) ?? []), `${r.field}: ${r.reason}`]);
  const rows = [...problems.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([line, reasons]) => `${records.get(line) ?? ''},${csvCell(`line ${line}: ${reasons.join('; ')}`)}`);
  return `${header},reach_problem\n${rows.join('\n')}\n`;
}

function download(content: string, name: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
