import { useCallback, useEffect, useRef, useState } from 'react';
import type { StageConnection } from '../../media/stage-connection.ts';
import { useI18n } from '../../i18n/index.ts';
import { formatList } from '../../i18n/index.ts';
import { arrangeStage, isProducerPaused } from './stage.slice.ts';
import { FeedAudio, FeedVideo } from './StageMedia.tsx';
import { stageErrorText, useStageFeeds, useStageView } from './useStage.ts';
import './stage.css';

/**
 * The live stage as the audience sees it: the pictures placed by the moderator's layout, the sound (on at once where
 * the browser lets it, else behind a clear "Slå på ljud"), full screen, and a live region that says who just went on
 * stage. Used in the session room and, for "what the audience sees", in the backstage.
 */
export function StagePlayer({ stageId, connection }: { stageId: string; connection: StageConnection | null }) {
  const { t, lang } = useI18n();
  const view = useStageView(stageId);
  const feeds = useStageFeeds(stageId);
  const frame = useRef<HTMLDivElement>(null);
  const [soundOn, setSoundOn] = useState(true);
  const [blocked, setBlocked] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);

  const onBlocked = useCallback(() => {
    setSoundOn(false);
    setBlocked(true);
  }, []);
  useEffect(() => {
    const changed = () => setFullscreen(document.fullscreenElement !== null && document.fullscreenElement === frame.current);
    document.addEventListener('fullscreenchange', changed);
    return () => document.removeEventListener('fullscreenchange', changed);
  }, []);

  const state = view?.state ?? null;
  const names = new Map((state?.onStage ?? []).map((p) => [p.userId, p.displayName]));
  const nameOf = (userId: string) => names.get(userId) ?? t('stage.someone');
  const labelOf = (feed: { source: string; userId: string }) =>
    t(feed.source === 'screen' ? 'stage.screenOf' : 'stage.cameraOf', { name: nameOf(feed.userId) });
  const { main, side } = arrangeStage(state?.layout ?? 'speaker', state, feeds);
  const audio = feeds.filter((f) => f.kind === 'audio' && names.has(f.userId));
  const withoutPicture = (state?.onStage ?? []).filter((p) => !p.producers.some((x) => x.kind === 'video'));
  const muted = (state?.onStage ?? []).filter((p) => p.producers.some((x) => x.source === 'microphone' && isProducerPaused(state, x.id)));

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    else void frame.current?.requestFullscreen().catch(() => {});
  };

  let body;
  if (!view || view.status === 'connecting' || !connection) {
    body = (
      <p className="stage-message" role="status">
        {t('stage.connecting')}
      </p>
    );
  } else if (view.status === 'error' && view.error) {
    body = (
      <div className="stage-message" role="alert">
        <p>{t('stage.failed')} {stageErrorText(view.error, t)}</p>
        <button type="button" className="button button-small" onClick={() => connection.restart()}>
          {t('stage.retry')}
        </button>
      </div>
    );
  } else if (!state || state.onStage.length === 0) {
    body = (
      <div className="stage-message">
        <p>{t('stage.empty')}</p>
        <p>{t('stage.emptyHint')}</p>
      </div>
    );
  } else {
    body = (
      <>
        {main.length > 0 && (
          <div className={`stage-main stage-layout-${state.layout}`} data-testid="stage-main">
            {main.map((feed) => (
              <FeedVideo key={feed.consumerId} connection={connection} feed={feed} label={labelOf(feed)} />
            ))}
          </div>
        )}
        {side.length > 0 && (
          <div className="stage-side">
            {side.map((feed) => (
              <FeedVideo key={feed.consumerId} connection={connection} feed={feed} label={labelOf(feed)} />
            ))}
          </div>
        )}
        {withoutPicture.length > 0 && main.length === 0 && (
          <p className="stage-message">{t('stage.waitingForPicture', { names: formatList(withoutPicture.map((p) => p.displayName), lang) })}</p>
        )}
        {audio.map((feed) => (
          <FeedAudio key={feed.consumerId} connection={connection} feed={feed} soundOn={soundOn} onBlocked={onBlocked} />
        ))}
        {muted.length > 0 && (
          <ul className="stage-muted">
            {muted.map((p) => (
              <li key={p.userId}>{t('stage.mutedOf', { name: p.displayName })}</li>
            ))}
          </ul>
        )}
      </>
    );
  }

  return (
    // Full screen takes the player with its controls, so sound and leaving full screen stay at hand.
    <div className="stage-player" ref={frame}>
      <div className="stage-frame" role="region" aria-label={t('stage.playerLabel')} aria-busy={!view || view.status === 'connecting'}>
        {/* FILM: the film helper mounts <FilmStage stageId={stageId} /> here (features/stage/film/), over or instead of the live pictures. */}
        {body}
      </div>
      <div className="stage-controls">
        {blocked && !soundOn && <p className="stage-sound-note">{t('stage.soundBlocked')}</p>}
        <button
          type="button"
          className={soundOn ? 'button button-secondary button-small' : 'button button-small'}
          onClick={() => {
            setBlocked(false);
            setSoundOn(!soundOn);
          }}
        >
          {soundOn ? t('stage.soundOff') : t('stage.soundOn')}
        </button>
        <button type="button" className="button button-secondary button-small" onClick={toggleFullscreen}>
          {fullscreen ? t('stage.exitFullscreen') : t('stage.fullscreen')}
        </button>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {view?.announcement ? <span key={view.announcement.seq}>{t('stage.nowOnStage', { name: view.announcement.displayName })}</span> : null}
      </p>
    </div>
  );
}
