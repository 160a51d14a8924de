import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Translate } from '../../i18n/index.ts';
import { StageConnection } from '../../media/stage-connection.ts';
import { closeStage, openStage } from '../../media/stages.ts';
import { useStore } from '../../store/index.ts';
import { errorKey } from '../../ui/Async.tsx';
import type { StageError, StageFeed, StageView } from './stage.slice.ts';

/** Opens the stage's media while the component is mounted (`backstage`: as a speaker's or moderator's backstage). */
export function useStageConnection(stageId: string, backstage: boolean): StageConnection | null {
  const [connection, setConnection] = useState<StageConnection | null>(null);
  useEffect(() => {
    const opened = openStage(new StageConnection(stageId, { backstage }));
    setConnection(opened);
    return () => {
      closeStage(opened);
      setConnection(null);
    };
  }, [stageId, backstage]);
  return connection;
}

export function useStageView(stageId: string): StageView | undefined {
  return useStore((s) => s.liveStages[stageId]);
}

export function useStageFeeds(stageId: string): StageFeed[] {
  return useStore(useShallow((s) => Object.values(s.liveStages[stageId]?.feeds ?? {})));
}

/** A stage failure in the reader's language. */
export function stageErrorText(error: StageError, t: Translate): string {
  return error.code === 'BROWSER_UNSUPPORTED' ? t('stage.errors.BROWSER_UNSUPPORTED') : t(errorKey(error.code));
}
