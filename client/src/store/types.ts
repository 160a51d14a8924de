import type { StateCreator } from 'zustand';
import type { ApiError } from '../api.ts';
import type { LanguageSlice } from '../i18n/language.slice.ts';
import type { AuthSlice } from '../features/auth/auth.slice.ts';
import type { EventsSlice } from '../features/events/events.slice.ts';
import type { AgendaSlice } from '../features/agenda/agenda.slice.ts';
import type { PersonalSlice } from '../features/personal/personal.slice.ts';
import type { OrganiserSlice } from '../features/organiser/organiser.slice.ts';
import type { RoomSlice } from '../features/room/room.slice.ts';
import type { InteractionSlice } from '../features/interaction/interaction.slice.ts';
import type { StageSlice } from '../features/stage/stage.slice.ts';
import type { FilmSlice } from '../features/stage/film/film.slice.ts';

export type AppState = LanguageSlice & AuthSlice & EventsSlice & AgendaSlice & PersonalSlice & OrganiserSlice & RoomSlice & InteractionSlice & StageSlice & FilmSlice;

/** Each feature contributes one slice; all of them see (and may call) the whole state. */
export type SliceCreator<T> = StateCreator<AppState, [], [], T>;

/** Where a fetch is. Data already loaded stays visible while it reloads. */
export type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: ApiError };
