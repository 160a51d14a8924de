import { useState } from 'react';
import type { CommandName, CommandPayload, StageLayout, StageState } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { send } from '../../realtime/commands.ts';
import { realtimeErrorText } from '../room/errors.ts';

const layouts: StageLayout[] = ['speaker', 'speakerScreen', 'grid'];

/** A moderator's controls of a stage: the layout the audience sees, who goes on stage and who comes off. */
export function StageModeration({ state }: { state: StageState }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The choice shows at once; the server's stage:updated confirms it (or the error says why not).
  const [chosen, setChosen] = useState<StageLayout | null>(null);
  const { stageId } = state;
  const onStage = new Set(state.onStage.map((p) => p.userId));
  const waiting = state.backstage.filter((p) => !onStage.has(p.userId));

  async function run<N extends CommandName>(name: N, payload: CommandPayload<N>) {
    setBusy(true);
    setError(null);
    try {
      await send(name, payload);
    } catch (e) {
      setError(t('stage.actionFailed', { reason: realtimeErrorText(e, t, lang) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="stage-moderation" aria-labelledby="stage-moderation">
      <h2 id="stage-moderation">{t('stage.moderation')}</h2>
      <fieldset className="stage-layouts">
        <legend>{t('stage.layout')}</legend>
        {layouts.map((layout) => (
          <label key={layout}>
            <input
              type="radio"
              name={`layout-${stageId}`}
              value={layout}
              checked={(chosen ?? state.layout) === layout}
              onChange={() => {
                setChosen(layout);
                void run('stage:setLayout', { stageId, layout }).finally(() => setChosen(null));
              }}
            />{' '}
            {t(`stage.layout.${layout}`)}
          </label>
        ))}
      </fieldset>
      <div className="stage-people">
        <div>
          <h3>{t('stage.onStageNow')}</h3>
          {state.onStage.length === 0 ? (
            <p>{t('stage.onStageEmpty')}</p>
          ) : (
            <ul>
              {state.onStage.map((p) => (
                <li key={p.userId}>
                  <span>
                    {p.displayName} <span className="badge badge-live">{t('stage.live')}</span>
                  </span>
                  <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => void run('stage:takeOffStage', { stageId, userId: p.userId })}>
                    {t('stage.takeOff', { name: p.displayName })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{t('stage.backstageNow')}</h3>
          {waiting.length === 0 ? (
            <p>{t('stage.backstageEmpty')}</p>
          ) : (
            <ul>
              {waiting.map((p) => (
                <li key={p.userId}>
                  <span>{p.displayName}</span>
                  <button type="button" className="button button-small" disabled={busy} onClick={() => void run('stage:putOnStage', { stageId, userId: p.userId })}>
                    {t('stage.putOn', { name: p.displayName })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {error && (
        <p className="form-alert" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
