import { useI18n } from '../../i18n/index.ts';
import { Async } from '../../ui/Async.tsx';
import { useDocumentTitle } from '../../ui/hooks.ts';
import { useAgenda } from '../agenda/useAgenda.ts';
import { useMyEvent } from '../personal/useMyEvent.ts';
import { RoomGate } from './RoomGate.tsx';
import { RoomPanel } from './RoomPanel.tsx';

/** `/e/:slug/lobby`: the event's shared chat, open all through the event. */
export function LobbyPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  // The agenda brings the event (its name in the navigation) and says whether it exists at all.
  const { agenda, state, reload } = useAgenda(slug);
  useMyEvent(slug);
  useDocumentTitle(t('lobby.title'), agenda?.event.name);

  return (
    <div className="page narrow-page lobby-page">
      <h1>{t('lobby.title')}</h1>
      <Async state={state} hasData={agenda !== null} onRetry={reload}>
        {() => (
          <>
            <p className="lead">{t('lobby.intro')}</p>
            <section className="room-section" aria-labelledby="lobby-chat-title">
              <h2 id="lobby-chat-title">{t('lobby.chatTitle')}</h2>
              <RoomGate slug={slug}>
                <RoomPanel room="lobby" />
              </RoomGate>
            </section>
          </>
        )}
      </Async>
    </div>
  );
}
