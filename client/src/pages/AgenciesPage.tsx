/**
 * Admin: the partner agencies. Add a local partner, rename one, or make one inactive: history
 * still names an inactive agency, but nothing new may be restricted to it, asked of it or
 * assigned to it. Every change is asked about first and confirmed after.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Agency, FieldIssue } from '@mashboard/shared';
import { api, ApiRequestError } from '../data/api.ts';
import { ErrorSummary, issueFor, TextField } from '../forms/fields.tsx';
import { FormActions } from '../forms/FormActions.tsx';

function refusal(e: unknown): FieldIssue[] {
  if (e instanceof ApiRequestError) return e.error.issues?.length ? e.error.issues : [{ path: '', message: e.error.message }];
  return [{ path: '', message: 'The change could not be saved. Try again.' }];
}

export function AgenciesPage() {
  const [agencies, setAgencies] = useState<Agency[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [renaming, setRenaming] = useState<{ id: string; name: string; issues: FieldIssue[] } | null>(null);

  const reload = () =>
    api
      .agencies()
      .then(setAgencies)
      .catch(() => setLoadError('The agencies could not be loaded. Reload the page to try again.'));
  useEffect(() => void reload(), []);

  async function create(e: FormEvent) {
    e.preventDefault();
    try {
      const created = await api.createAgency({ id: id.trim(), name: name.trim() });
      setConfirmed(`Added ${created.name}. It can now be chosen across Mashboard.`);
      setId('');
      setName('');
      setIssues([]);
      await reload();
    } catch (error) {
      setIssues(refusal(error));
      setFocusKey((k) => k + 1);
    }
  }

  async function toggle(agency: Agency) {
    const question = agency.active ? `Make ${agency.name} inactive? Its history stays, but nothing new can be restricted to it, asked of it or assigned to it.` : `Make ${agency.name} active again?`;
    if (!window.confirm(question)) return;
    try {
      const changed = await api.changeAgency(agency.id, { active: !agency.active });
      setConfirmed(`${changed.name} is now ${changed.active ? 'active' : 'inactive'}.`);
      await reload();
    } catch (error) {
      setConfirmed(null);
      setLoadError(refusal(error)[0]?.message ?? 'The change could not be saved.');
    }
  }

  async function rename(e: FormEvent) {
    e.preventDefault();
    if (!renaming) return;
    try {
      const changed = await api.changeAgency(renaming.id, { name: renaming.name.trim() });
      setConfirmed(`Renamed to ${changed.name}.`);
      setRenaming(null);
      await reload();
    } catch (error) {
      setRenaming({ ...renaming, issues: refusal(error) });
    }
  }

  return (
    <>
      <h1 id="page-heading" tabIndex={-1}>
        Agencies
      </h1>
      <p>The partners of this MASH. An inactive agency stays in the record but cannot be chosen for anything new.</p>
      <div role="status" aria-live="polite">
        {confirmed ? <p className="notice notice--success">{confirmed}</p> : null}
      </div>
      {loadError ? (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">There is a problem</h2>
          <p>{loadError}</p>
        </div>
      ) : null}
      {agencies ? (
        <div className="table-wrap" role="region" aria-labelledby="agencies-caption" tabIndex={0}>
          <table className="table table--stack">
            <caption id="agencies-caption" className="table__caption">
              {agencies.length} agencies
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Id</th>
                <th scope="col">Status</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {agencies.map((a) => (
                <tr key={a.id}>
                  <td data-label="Name">
                    {renaming?.id === a.id ? (
                      <form onSubmit={(e) => void rename(e)} aria-label={`Rename ${a.name}`}>
                        <TextField
                          id={`rename-${a.id}`}
                          label={`New name for ${a.name}`}
                          value={renaming.name}
                          onChange={(v) => setRenaming({ ...renaming, name: v })}
                          error={issueFor(renaming.issues, 'name') ?? renaming.issues[0]?.message}
                        />
                        <FormActions submit="Save name" secondary={{ label: 'Cancel', onClick: () => setRenaming(null) }} />
                      </form>
                    ) : (
                      a.name
                    )}
                  </td>
                  <td data-label="Id">
                    <code>{a.id}</code>
                  </td>
                  <td data-label="Status">{a.active ? 'Active' : 'Inactive'}</td>
                  <td data-label="Change">
                    <div className="button-group">
                      <button type="button" className="button button--secondary" onClick={() => setRenaming({ id: a.id, name: a.name, issues: [] })}>
                        Rename {a.name}
                      </button>
                      <button type="button" className="button button--secondary" onClick={() => void toggle(a)}>
                        {a.active ? `Make ${a.name} inactive` : `Make ${a.name} active`}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : loadError ? null : (
        <p role="status">Loading agencies…</p>
      )}
      <h2>Add an agency</h2>
      <form onSubmit={(e) => void create(e)} noValidate aria-label="Add an agency">
        <ErrorSummary prefix="agency" issues={issues} labels={{ id: 'Id', name: 'Name' }} focusKey={focusKey} />
        <TextField id="agency-name" label="Name" hint="As people know it, e.g. Early Help Hub" value={name} onChange={setName} error={issueFor(issues, 'name')} />
        <TextField id="agency-id" label="Id" hint="Lower-case letters, digits and hyphens, e.g. early-help-hub. It cannot change later." value={id} onChange={setId} error={issueFor(issues, 'id')} />
        <FormActions submit="Add agency" />
      </form>
    </>
  );
}
