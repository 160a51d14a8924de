import type { Event, EventInput } from '@samling/protocol';
import { call, isApiError } from '../../api.ts';
import type { LoadState, SliceCreator } from '../../store/types.ts';

export interface EventsSlice {
  /** Events by slug: the slug is how every page names an event. */
  events: Record<string, Event>;
  /** The listing order of /api/events. */
  eventSlugs: string[];
  eventsState: LoadState | undefined;
  loadEvents(): Promise<void>;
  putEvent(event: Event): void;
  /** Creates an event (the creator becomes its organiser); throws ApiError. Reload /api/auth/me afterwards for the role. */
  createEvent(input: EventInput): Promise<Event>;
}

export const createEventsSlice: SliceCreator<EventsSlice> = (set, get) => ({
  events: {},
  eventSlugs: [],
  eventsState: undefined,

  async loadEvents() {
    set({ eventsState: { status: 'loading' } });
    try {
      const list = await call('listEvents');
      set((s) => ({
        events: { ...s.events, ...Object.fromEntries(list.map((e) => [e.slug, e])) },
        eventSlugs: list.map((e) => e.slug),
        eventsState: { status: 'ready' },
      }));
    } catch (e) {
      if (!isApiError(e)) throw e;
      set({ eventsState: { status: 'error', error: e } });
    }
  },

  putEvent(event) {
    set((s) => ({ events: { ...s.events, [event.slug]: event } }));
  },

  async createEvent(input) {
    const event = await call('createEvent', { body: input });
    get().putEvent(event);
    // The listing is the server's order; the next loadEvents puts the new event in its place.
    return event;
  },
});
