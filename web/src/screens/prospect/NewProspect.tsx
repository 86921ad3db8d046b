import { useState } from 'react';
import { api } from '../../api.ts';
import { useNotices } from '../../notices.tsx';
import { go } from '../../router.ts';
import { useTeam } from '../../team.ts';

const KINDS = ['direct', 'mobile', 'main', 'private', 'assistant', 'other'] as const;

const EMPTY = {
  firstName: '',
  lastName: '',
  title: '',
  company: '',
  email: '',
  phone: '',
  kind: 'direct',
  extension: '',
  region: '',
  country: '',
  timezone: '',
  value: '',
  alreadyHasProduct: false,
  competitorRelationship: false,
};

/** A prospect added by hand: a name or an email, a number, and what Reach needs to call them well. */
export function NewProspect() {
  const { say, fail } = useNotices();
  const team = useTeam();
  const [form, setForm] = useState(EMPTY);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const set = (key: keyof typeof EMPTY, value: string | boolean) => setForm((f) => ({ ...f, [key]: value }));

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblems({});
    const text = (key: keyof typeof EMPTY) => {
      const v = String(form[key]).trim();
      return v ? { [key]: v } : {};
    };
    try {
      const added = await api<{ id: number; name: string }>('/prospects', {
        method: 'POST',
        body: {
          ...text('firstName'),
          ...text('lastName'),
          ...text('title'),
          ...text('company'),
          ...text('email'),
          ...text('region'),
          ...text('country'),
          ...text('timezone'),
          ...(form.value.trim() ? { value: Number(form.value.replace(/[^\d.]/g, '')) } : {}),
          alreadyHasProduct: form.alreadyHasProduct,
          competitorRelationship: form.competitorRelationship,
          phones: form.phone.trim()
            ? [
                {
                  number: form.phone.trim(),
                  kind: form.kind,
                  ...(form.extension.trim() ? { extension: form.extension.trim() } : {}),
                },
              ]
            : [],
        },
      });
      say(`${added.name} added.`);
      go('prospects', added.id);
    } catch (error) {
      const issues = (error as { problem?: { errors?: { field: string; reason: string }[] } }).problem
        ?.errors;
      if (issues)
        setProblems(
          Object.fromEntries(
            issues.map((i) => [i.field.replace(/^phones\.\d+\.number$/, 'phone'), i.reason]),
          ),
        );
      fail(error, 'Not added');
    } finally {
      setSaving(false);
    }
  };

  const field = (key: keyof typeof EMPTY, label: string, extra: Record<string, string> = {}) => (
    <label>
      {label}
      <input
        value={String(form[key])}
        onChange={(e) => set(key, e.target.value)}
        aria-invalid={problems[key] ? true : undefined}
        {...extra}
      />
      {problems[key] && <span className="problem small">{problems[key]}</span>}
    </label>
  );

  return (
    <form className="new-prospect" aria-labelledby="new-prospect-title" onSubmit={(e) => void save(e)}>
      <h1 id="new-prospect-title">New prospect</h1>
      <div className="form-grid">
        {field('firstName', 'First name')}
        {field('lastName', 'Last name')}
        {field('title', 'Title')}
        {field('company', 'Company')}
        {field('email', 'Email', { type: 'email' })}
        {field('phone', 'Phone', { type: 'tel' })}
        <label>
          Kind of number
          <select value={form.kind} onChange={(e) => set('kind', e.target.value)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        {field('extension', 'Extension')}
        {field('region', 'State or region', { placeholder: 'IL' })}
        {field('country', 'Country', { placeholder: team?.defaultCountry ?? 'US' })}
        {field('timezone', 'Time zone (when the number and address do not say)', {
          placeholder: 'America/Chicago',
        })}
        {field('value', `Deal value (${team?.currency ?? 'USD'})`, { inputMode: 'numeric' })}
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={form.alreadyHasProduct}
          onChange={(e) => set('alreadyHasProduct', e.target.checked)}
        />
        Already has what we sell
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={form.competitorRelationship}
          onChange={(e) => set('competitorRelationship', e.target.checked)}
        />
        Has a relationship with another vendor
      </label>
      <p>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Adding…' : 'Add the prospect'}
        </button>
      </p>
    </form>
  );
}
