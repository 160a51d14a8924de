import { useEffect, useId, useState, type FormEvent } from 'react';
import { Roles, type Role } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { Async } from '../../ui/Async.tsx';
import { FormAlert, FormStatus } from '../../ui/FormAlert.tsx';
import { useAction } from './useAction.ts';

/** Who is in the event with which role, and a form to give an account a role by email (`showList` false: the form only). */
export function MembersEditor({ slug, showList = true }: { slug: string; showList?: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const loadMembers = useStore((s) => s.loadMembers);
  const setMember = useStore((s) => s.setMember);
  const members = useStore((s) => s.members[slug]);
  const state = useStore((s) => s.membersState[slug]);
  const action = useAction();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('moderator');

  useEffect(() => {
    void loadMembers(slug);
  }, [slug, loadMembers]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim()) return action.setError(t('form.required', { field: t('manage.members.email') }));
    const ok = await action.run(
      () => setMember(slug, { email: email.trim(), role }),
      (m) => t('manage.members.given', { name: m.displayName, role: t(`role.${m.role}`).toLocaleLowerCase() }),
    );
    if (ok) setEmail('');
  }

  const sorted = [...(members ?? [])].sort((a, b) => Roles.indexOf(b.role) - Roles.indexOf(a.role) || a.displayName.localeCompare(b.displayName, 'sv'));

  return (
    <>
      {showList && <Async state={state} hasData={members !== undefined} onRetry={() => void loadMembers(slug)}>
        {() => (
          // Focusable so keyboard users can scroll the table sideways on narrow screens.
          <div className="table-scroll" role="region" aria-label={t('manage.members.table')} tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">{t('manage.members.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('manage.members.name')}</th>
                  <th scope="col">{t('manage.members.email')}</th>
                  <th scope="col">{t('manage.members.role')}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((m) => (
                  <tr key={m.userId}>
                    <td>{m.displayName}</td>
                    <td>{m.email}</td>
                    <td>{t(`role.${m.role}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>}
      <form className="form form-inline-card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>{t('manage.members.formTitle')}</h3>
        <p className="hint">{t('manage.members.formHint')}</p>
        <FormAlert error={action.error} fields={{ email: t('manage.members.email'), role: t('manage.members.role') }} />
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('manage.members.email')}</label>
            <input id={`${id}-email`} type="email" autoComplete="off" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-role`}>{t('manage.members.role')}</label>
            <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {Roles.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={action.busy || undefined}>
            {t('manage.members.give')}
          </button>
        </div>
        <FormStatus message={action.status} />
      </form>
    </>
  );
}
