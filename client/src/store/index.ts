import { create } from 'zustand';
import type { AppState } from './types.ts';
import { createLanguageSlice } from '../i18n/language.slice.ts';
import { createAuthSlice } from '../features/auth/auth.slice.ts';
import { createEventsSlice } from '../features/events/events.slice.ts';
import { createAgendaSlice } from '../features/agenda/agenda.slice.ts';
import { createPersonalSlice } from '../features/personal/personal.slice.ts';
import { createOrganiserSlice } from '../features/organiser/organiser.slice.ts';
import { createRoomSlice } from '../features/room/room.slice.ts';
import { createInteractionSlice } from '../features/interaction/interaction.slice.ts';
import { createStageSlice } from '../features/stage/stage.slice.ts';
import { createFilmSlice } from '../features/stage/film/film.slice.ts';

export type { AppState, LoadState } from './types.ts';

/** The one store. Actions are plain functions on it, callable outside React via `useStore.getState()`. */
export const useStore = create<AppState>()((...a) => ({
  ...createLanguageSlice(...a),
  ...createAuthSlice(...a),
  ...createEventsSlice(...a),
  ...createAgendaSlice(...a),
  ...createPersonalSlice(...a),
  ...createOrganiserSlice(...a),
  ...createRoomSlice(...a),
  ...createInteractionSlice(...a),
  ...createStageSlice(...a),
  ...createFilmSlice(...a),
}));

/** A fresh store state for tests: everything loaded is forgotten, the language kept. */
export function resetStore(): void {
  const initial = useStore.getInitialState();
  useStore.setState({ ...initial, lang: useStore.getState().lang }, true);
}
