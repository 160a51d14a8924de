import { useI18n } from '../../i18n/index.ts';
import { StagePlayer } from './StagePlayer.tsx';
import { useStageConnection } from './useStage.ts';

/** The session room's stage: the live picture and sound of the session's Stage, for everyone in the room. */
export function SessionStage({ stageId }: { stageId: string }) {
  const { t } = useI18n();
  const connection = useStageConnection(stageId, false);
  return (
    <section className="session-stage" aria-labelledby={`stage-${stageId}`}>
      <h3 id={`stage-${stageId}`}>{t('stage.heading')}</h3>
      <StagePlayer stageId={stageId} connection={connection} />
    </section>
  );
}

export default SessionStage;
