import { useId, useRef, useState, type FormEvent } from 'react';
import { InvitationRoles, fromZoned, type Invitation } from '@samling/protocol';
import { call } from '../../api.ts';
import { useI18n } from '../../i18n/index.ts';
import { Async } from '../../ui/Async.tsx';
import { ConfirmInline } from '../../ui/ConfirmInline.tsx';
import { FormAlert, FormStatus } from '../../ui/FormAlert.tsx';
import { useAction } from '../organiser/useAction.ts';
import { formatInstant } from './NoticeText.tsx';
import { useLoad } from './useLoad.ts';

/** `?section=invitations` ("Inbjudningar"): make invitation links, copy them, see their uses, revoke them. */
export function InvitationsEditor({ slug, timeZone }: { slug: string; timeZone: string }) {
  const { t, lang } = useI18n();
  const id = useId();
  const list = useLoad((signal) => call('listInvitations', { params: { slug }, signal }), [slug]);
  const action = useAction();
  const rowAction = useAction();
  const [label, setLabel] = useState('');
  const [role, setRole] = useState<(typeof InvitationRoles)[number]>('attendee');
  const [maxUses, setMaxUses] = useState('');
  const [expires, setExpires] = useState('');
  const [maxUsesError, setMaxUsesError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const revokeButtons = useRef(new Map<string, HTMLButtonElement | null>());

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const max = maxUses.trim() === '' ? null : Number(maxUses);
    if (max !== null && (!Number.isInteger(max) || max < 1)) {
      setMaxUsesError(t('manage.registration.invalidCapacity'));
      requestAnimationFrame(() => document.getElementById(`${id}-max`)?.focus());
      return;
    }
    setMaxUsesError(null);
    // The organiser types a wall-clock time of the event's zone.
    const expiresAt = expires ? fromZoned(expires.slice(0, 10), expires.slice(11, 16), timeZone).toISOString() : null;
    const ok = await action.run(
      () => call('createInvitation', { params: { slug }, body: { label: label.trim(), role, maxUses: max, expiresAt } }),
      () => t('manage.invitations.created'),
    );
    if (ok) {
      setLabel('');
      setMaxUses('');
      setExpires('');
      list.reload();
    }
  }

  const name = (inv: Invitation) => inv.label || t('manage.invitations.unnamed');
  async function copy(inv: Invitation) {
    try {
      await navigator.clipboard.writeText(inv.url);
      rowAction.setError(null);
      rowAction.setStatus(t('manage.invitations.copied', { url: inv.url }));
    } catch {
      rowAction.setStatus(null);
      rowAction.setError(t('manage.invitations.copyFailed', { url: inv.url }));
    }
  }
  async function revoke(inv: Invitation) {
    const ok = await rowAction.run(() => call('revokeInvitation', { params: { slug, id: inv.id } }), () => t('manage.invitations.revoked', { label: name(inv) }));
    if (ok) list.reload();
  }

  return (
    <>
      <form className="form form-inline-card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>{t('manage.invitations.formTitle')}</h3>
        <FormAlert error={action.error} fields={{ label: t('manage.invitations.label'), role: t('manage.invitations.role'), maxUses: t('manage.invitations.maxUses'), expiresAt: t('manage.invitations.expiresAt') }} />
        <div className="field">
          <label htmlFor={`${id}-label`}>{t('manage.invitations.label')}</label>
          <input id={`${id}-label`} type="text" maxLength={100} value={label} aria-describedby={`${id}-label-hint`} onChange={(e) => setLabel(e.target.value)} />
          <p className="hint" id={`${id}-label-hint`}>{t('manage.invitations.labelHint')}</p>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-role`}>{t('manage.invitations.role')}</label>
            <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
              {InvitationRoles.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-max`}>{t('manage.invitations.maxUses')}</label>
            <input id={`${id}-max`} type="number" inputMode="numeric" min={1} step={1} value={maxUses}
              aria-invalid={maxUsesError ? true : undefined} aria-describedby={`${id}-max-hint${maxUsesError ? ` ${id}-max-error` : ''}`}
              onChange={(e) => setMaxUses(e.target.value)} />
            <p className="hint" id={`${id}-max-hint`}>{t('manage.invitations.maxUsesHint')}</p>
            {maxUsesError && <p className="inline-error" id={`${id}-max-error`}>{maxUsesError}</p>}
          </div>
          <div className="field">
            <label htmlFor={`${id}-expires`}>{t('manage.invitations.expiresAt')}</label>
            <input id={`${id}-expires`} type="datetime-local" value={expires} aria-describedby={`${id}-expires-hint`} onChange={(e) => setExpires(e.target.value)} />
            <p className="hint" id={`${id}-expires-hint`}>{t('manage.invitations.expiresHint')}</p>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={action.busy || undefined}>{t('manage.invitations.create')}</button>
        </div>
        <FormStatus message={action.status} />
      </form>
      <FormAlert error={rowAction.error} />
      <FormStatus message={rowAction.status} />
      <Async state={list.state} hasData={list.data !== undefined} onRetry={list.reload}>
        {() =>
          list.data!.length === 0 ? (
            <p>{t('manage.invitations.none')}</p>
          ) : (
            <div className="table-scroll" role="region" aria-label={t('manage.invitations.table')} tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden">{t('manage.invitations.table')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('manage.invitations.label')}</th>
                    <th scope="col">{t('manage.invitations.code')}</th>
                    <th scope="col">{t('manage.invitations.role')}</th>
                    <th scope="col">{t('manage.invitations.uses')}</th>
                    <th scope="col">{t('manage.invitations.expires')}</th>
                    <th scope="col">{t('manage.invitations.status')}</th>
                    <th scope="col">{t('manage.invitations.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data!.map((inv) => (
                    <tr key={inv.id}>
                      <td>{inv.label || '–'}</td>
                      <td><code>{inv.code}</code></td>
                      <td>{t(`role.${inv.role}`)}</td>
                      <td>{inv.maxUses === null ? inv.uses : t('manage.invitations.usesOf', { uses: String(inv.uses), max: String(inv.maxUses) })}</td>
                      <td>{inv.expiresAt ? formatInstant(inv.expiresAt, lang, timeZone) : t('manage.invitations.never')}</td>
                      <td>{t(`manage.invitations.status.${inv.status}`)}</td>
                      <td>
                        <div className="item-actions">
                          <button type="button" className="button button-small button-secondary" aria-label={t('manage.invitations.copyLabel', { label: name(inv) })} onClick={() => void copy(inv)}>
                            {t('manage.invitations.copy')}
                          </button>
                          {inv.status !== 'revoked' && confirming !== inv.id && (
                            <button type="button" className="button button-small button-danger" ref={(el) => { revokeButtons.current.set(inv.id, el); }}
                              aria-label={t('manage.invitations.revokeLabel', { label: name(inv) })} onClick={() => setConfirming(inv.id)}>
                              {t('manage.invitations.revoke')}
                            </button>
                          )}
                          {confirming === inv.id && (
                            // Revoking cannot be undone: the link stops working for everyone who has it.
                            <ConfirmInline
                              question={t('manage.invitations.confirmRevoke', { label: name(inv) })}
                              confirmLabel={t('manage.invitations.revoke')}
                              cancelLabel={t('manage.attendees.cancel')}
                              onConfirm={() => { setConfirming(null); void revoke(inv); }}
                              onCancel={() => setConfirming(null)}
                              returnFocus={{ current: revokeButtons.current.get(inv.id) ?? null }}
                            />
                          )}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </>
  );
}
