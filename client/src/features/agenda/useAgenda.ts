import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Agenda, Speaker, Track } from '@samling/protocol';
import { useStore, type LoadState } from '../../store/index.ts';

const byPosition = <T extends { position: number; name: string }>(list: T[]) =>
  [...list].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));

export interface AgendaView extends Agenda {
  speakersById: Record<string, Speaker>;
  tracksById: Record<string, Track>;
}

/**
 * One event's agenda assembled from the normalised store, loading it on first use.
 * Each list is selected with useShallow, so unrelated store changes do not rebuild it.
 */
export function useAgenda(slug: string): { agenda: AgendaView | null; state: LoadState | undefined; reload: () => void } {
  const loadAgenda = useStore((s) => s.loadAgenda);
  useEffect(() => {
    void loadAgenda(slug);
  }, [slug, loadAgenda]);

  const state = useStore((s) => s.agendaState[slug]);
  const event = useStore((s) => s.events[slug]);
  const loaded = useStore((s) => Boolean(s.agendas[slug]));
  const tracks = useStore(useShallow((s) => (s.agendas[slug]?.trackIds ?? []).flatMap((id) => s.tracks[id] ?? [])));
  const stages = useStore(useShallow((s) => (s.agendas[slug]?.stageIds ?? []).flatMap((id) => s.stages[id] ?? [])));
  const speakers = useStore(useShallow((s) => (s.agendas[slug]?.speakerIds ?? []).flatMap((id) => s.speakers[id] ?? [])));
  const sessions = useStore(useShallow((s) => (s.agendas[slug]?.sessionIds ?? []).flatMap((id) => s.sessions[id] ?? [])));

  const agenda = useMemo<AgendaView | null>(() => {
    if (!event || !loaded) return null;
    return {
      event,
      tracks: byPosition(tracks),
      stages: byPosition(stages),
      speakers,
      sessions,
      speakersById: Object.fromEntries(speakers.map((x) => [x.id, x])),
      tracksById: Object.fromEntries(tracks.map((x) => [x.id, x])),
    };
  }, [event, loaded, tracks, stages, speakers, sessions]);

  return { agenda, state, reload: () => void loadAgenda(slug, { force: true }) };
}
