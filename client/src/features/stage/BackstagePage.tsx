import { useEffect, useState } from 'react';
import { atLeast, type StageState } from '@samling/protocol';
import { Link } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import type { StageConnection } from '../../media/stage-connection.ts';
import { useStore } from '../../store/index.ts';
import { Async } from '../../ui/Async.tsx';
import { useDocumentTitle } from '../../ui/hooks.ts';
import { roleIn } from '../auth/auth.slice.ts';
import { useAgenda } from '../agenda/useAgenda.ts';
import { RoomGate } from '../room/RoomGate.tsx';
import { MicMeter } from './MicMeter.tsx';
import { StageModeration } from './StageModeration.tsx';
import { StagePlayer } from './StagePlayer.tsx';
import { TrackVideo } from './StageMedia.tsx';
import { useLocalMedia, type LocalMediaProblem } from './useLocalMedia.ts';
import { stageErrorText, useStageConnection, useStageView } from './useStage.ts';
import './stage.css';

const problemKeys: Record<LocalMediaProblem, MessageKey> = { denied: 'stage.mediaDenied', missing: 'stage.mediaMissing', failed: 'stage.mediaFailed' };

/**
 * `/e/:slug/stages/:stageId/backstage`: where speakers get ready and moderators run the stage. Everyone here is
 * listed as backstage (the moderator sees the list); a speaker's chosen camera, microphone and screen go out the
 * moment a moderator puts them on stage, and stop when they are taken off. Before that nothing leaves the browser:
 * the backstage shows your own preview and, like the audience, whoever is live on stage.
 */
export function BackstagePage({ slug, stageId }: { slug: string; stageId: string }) {
  const { t } = useI18n();
  const { agenda, state, reload } = useAgenda(slug);
  const role = useStore((s) => roleIn(s.memberships, slug));
  const stage = agenda?.stages.find((s) => s.id === stageId);
  useDocumentTitle(stage ? t('stage.backstage.title', { stage: stage.name }) : agenda ? t('stage.backstage.notFound') : null, agenda?.event.name);
  const allowed = atLeast(role, 'speaker');

  return (
    <div className="page backstage-page">
      <Async state={state} hasData={agenda !== null} onRetry={reload}>
        {() => (
          <>
            <p className="breadcrumb">
              <Link to={paths.agenda(slug)}>{t('stage.backstage.back')}</Link>
            </p>
            <h1>{stage ? t('stage.backstage.title', { stage: stage.name }) : t('stage.backstage.notFound')}</h1>
            {stage && (
              <RoomGate slug={slug}>
                {allowed ? (
                  <Backstage stageId={stageId} moderator={atLeast(role, 'moderator')} />
                ) : (
                  <p className="notice">{t('stage.backstage.forbidden')}</p>
                )}
              </RoomGate>
            )}
          </>
        )}
      </Async>
      {!agenda && <h1 className="visually-hidden">{t('app.loading')}</h1>}
    </div>
  );
}

function Backstage({ stageId, moderator }: { stageId: string; moderator: boolean }) {
  const { t } = useI18n();
  const connection = useStageConnection(stageId, true);
  const view = useStageView(stageId);
  const media = useLocalMedia(true);
  const [cameraOn, setCameraOn] = useState(true);
  const [muted, setMuted] = useState(false);
  const [screen, setScreen] = useState<MediaStreamTrack | null>(null);
  const [screenFailed, setScreenFailed] = useState(false);
  const live = view?.canProduce ?? false;

  // What to send once on stage; the connection sends it whenever it may (and again after a reconnect).
  useEffect(() => connection?.setSource('camera', cameraOn ? media.camera : null), [connection, cameraOn, media.camera]);
  useEffect(() => connection?.setSource('microphone', media.microphone), [connection, media.microphone]);
  useEffect(() => connection?.setMuted('microphone', muted), [connection, muted, media.microphone]);
  useEffect(() => connection?.setSource('screen', screen), [connection, screen]);
  useEffect(() => {
    if (!screen) return;
    const ended = () => setScreen(null);
    screen.addEventListener('ended', ended);
    return () => {
      screen.removeEventListener('ended', ended);
      screen.stop();
    };
  }, [screen]);

  async function toggleScreen() {
    if (screen) {
      setScreen(null);
      return;
    }
    setScreenFailed(false);
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
      setScreen(stream.getVideoTracks()[0] ?? null);
    } catch {
      setScreenFailed(true);
    }
  }

  const problem = media.cameraProblem ?? media.microphoneProblem;
  return (
    <div className="backstage">
      <p>{t('stage.backstage.intro')}</p>
      <p className={live ? 'notice stage-you-live' : 'notice'} role="status">
        {live ? t('stage.backstage.live') : t('stage.backstage.waiting')}
      </p>
      {view?.status === 'error' && view.error && (
        <div className="form-alert" role="alert">
          <p>{t('stage.failed')} {stageErrorText(view.error, t)}</p>
          <button type="button" className="button button-small" onClick={() => connection?.restart()}>
            {t('stage.retry')}
          </button>
        </div>
      )}

      <section className="backstage-devices" aria-labelledby="backstage-devices">
        <h2 id="backstage-devices">{t('stage.devices')}</h2>
        {problem && (
          <p className="form-alert" role="alert">
            {t(problemKeys[problem])}
          </p>
        )}
        <div className="backstage-preview">
          {cameraOn && media.camera ? <TrackVideo track={media.camera} label={t('stage.preview')} mirrored testId="backstage-preview" /> : <p className="stage-message">{t('stage.previewOff')}</p>}
        </div>
        <div className="backstage-pickers">
          <DevicePicker id="backstage-camera" label={t('stage.camera')} devices={media.cameras} value={media.cameraId} onChange={media.setCameraId} />
          <DevicePicker id="backstage-microphone" label={t('stage.microphone')} devices={media.microphones} value={media.microphoneId} onChange={media.setMicrophoneId} />
          <div>
            <span className="field-label" id="backstage-level">{t('stage.micLevel')}</span>
            <MicMeter track={media.microphone} />
          </div>
        </div>
        <div className="backstage-actions">
          <button type="button" className="button button-secondary" onClick={() => setCameraOn(!cameraOn)}>
            {cameraOn ? t('stage.cameraOff') : t('stage.cameraOn')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setMuted(!muted)}>
            {muted ? t('stage.unmute') : t('stage.mute')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => void toggleScreen()}>
            {screen ? t('stage.stopScreen') : t('stage.shareScreen')}
          </button>
        </div>
        {screenFailed && (
          <p className="form-alert" role="alert">
            {t('stage.screenFailed')}
          </p>
        )}
        {view?.sendError && (
          <p className="form-alert" role="alert">
            {t('stage.sendFailed', { reason: stageErrorText(view.sendError, t) })}
          </p>
        )}
      </section>

      {view?.state && (moderator ? <StageModeration state={view.state} /> : <WhoIsHere state={view.state} />)}

      <section aria-labelledby="backstage-audience">
        <h2 id="backstage-audience">{t('stage.backstage.audience')}</h2>
        <AudienceView stageId={stageId} connection={connection} />
      </section>
    </div>
  );
}

/** For speakers: who else is backstage and who is live (the moderator's view has the same lists with buttons). */
function WhoIsHere({ state }: { state: StageState }) {
  const { t } = useI18n();
  const live = new Set(state.onStage.map((p) => p.userId));
  const people = [...state.onStage.map((p) => ({ userId: p.userId, displayName: p.displayName })), ...state.backstage.filter((p) => !live.has(p.userId))];
  return (
    <section aria-labelledby="backstage-people">
      <h2 id="backstage-people">{t('stage.backstageNow')}</h2>
      {people.length === 0 ? (
        <p>{t('stage.backstageEmpty')}</p>
      ) : (
        <ul className="stage-people-list">
          {people.map((p) => (
            <li key={p.userId}>
              {p.displayName} {live.has(p.userId) && <span className="badge badge-live">{t('stage.live')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AudienceView({ stageId, connection }: { stageId: string; connection: StageConnection | null }) {
  return <StagePlayer stageId={stageId} connection={connection} />;
}

function DevicePicker({ id, label, devices, value, onChange }: { id: string; label: string; devices: MediaDeviceInfo[]; value: string; onChange: (id: string) => void }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={devices.length === 0}>
        {devices.length === 0 && <option value="">{label}</option>}
        {devices.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || t('stage.deviceNumber', { n: i + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}

export default BackstagePage;
