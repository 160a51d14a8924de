import type { Session, Speaker, Stage, Track } from '@samling/protocol';
import { call, isApiError } from '../../api.ts';
import type { LoadState, SliceCreator } from '../../store/types.ts';

/** Which entities belong to one event's agenda; the entities themselves live in the by-id tables. */
export interface AgendaIndex {
  trackIds: string[];
  stageIds: string[];
  speakerIds: string[];
  sessionIds: string[];
}

export interface EntityTables {
  tracks: Record<string, Track>;
  stages: Record<string, Stage>;
  speakers: Record<string, Speaker>;
  sessions: Record<string, Session>;
}
export type EntityKind = keyof EntityTables;
type EntityOf<K extends EntityKind> = EntityTables[K][string];

const indexKey = { tracks: 'trackIds', stages: 'stageIds', speakers: 'speakerIds', sessions: 'sessionIds' } as const;

export interface AgendaSlice extends EntityTables {
  agendas: Record<string, AgendaIndex>;
  agendaState: Record<string, LoadState>;
  /** Fetches an event's agenda; without `force`, only when not loaded or loading already. */
  loadAgenda(slug: string, options?: { force?: boolean }): Promise<void>;
  /** Adds or replaces one entity of an event's agenda (after a successful write). */
  putEntity<K extends EntityKind>(slug: string, kind: K, entity: EntityOf<K>): void;
  dropEntity(slug: string, kind: EntityKind, id: string): void;
}

export const createAgendaSlice: SliceCreator<AgendaSlice> = (set, get) => ({
  tracks: {},
  stages: {},
  speakers: {},
  sessions: {},
  agendas: {},
  agendaState: {},

  async loadAgenda(slug, options = {}) {
    const current = get().agendaState[slug];
    if (!options.force && current && current.status !== 'error') return;
    set((s) => ({ agendaState: { ...s.agendaState, [slug]: { status: 'loading' } } }));
    try {
      const agenda = await call('getAgenda', { params: { slug } });
      const byId = <T extends { id: string }>(list: T[]) => Object.fromEntries(list.map((x) => [x.id, x]));
      set((s) => ({
        events: { ...s.events, [slug]: agenda.event },
        tracks: { ...s.tracks, ...byId(agenda.tracks) },
        stages: { ...s.stages, ...byId(agenda.stages) },
        speakers: { ...s.speakers, ...byId(agenda.speakers) },
        sessions: { ...s.sessions, ...byId(agenda.sessions) },
        agendas: {
          ...s.agendas,
          [slug]: {
            trackIds: agenda.tracks.map((x) => x.id),
            stageIds: agenda.stages.map((x) => x.id),
            speakerIds: agenda.speakers.map((x) => x.id),
            sessionIds: agenda.sessions.map((x) => x.id),
          },
        },
        agendaState: { ...s.agendaState, [slug]: { status: 'ready' } },
      }));
    } catch (e) {
      if (!isApiError(e)) throw e;
      set((s) => ({ agendaState: { ...s.agendaState, [slug]: { status: 'error', error: e } } }));
    }
  },

  putEntity(slug, kind, entity) {
    set((s) => {
      const index = s.agendas[slug] ?? { trackIds: [], stageIds: [], speakerIds: [], sessionIds: [] };
      const ids = index[indexKey[kind]];
      return {
        [kind]: { ...s[kind], [entity.id]: entity },
        agendas: { ...s.agendas, [slug]: { ...index, [indexKey[kind]]: ids.includes(entity.id) ? ids : [...ids, entity.id] } },
      } as Partial<EntityTables> & Pick<AgendaSlice, 'agendas'>;
    });
  },

  dropEntity(slug, kind, id) {
    set((s) => {
      const index = s.agendas[slug];
      if (!index) return {};
      const table = { ...s[kind] };
      delete table[id];
      return {
        [kind]: table,
        agendas: { ...s.agendas, [slug]: { ...index, [indexKey[kind]]: index[indexKey[kind]].filter((x) => x !== id) } },
      } as Partial<EntityTables> & Pick<AgendaSlice, 'agendas'>;
    });
  },
});
