import type { MyEvent } from '@samling/protocol';
import { call, isApiError } from '../../api.ts';
import type { LoadState, SliceCreator } from '../../store/types.ts';

export interface PersonalSlice {
  /** My role and stars per event slug; only loaded when signed in. */
  myEvents: Record<string, MyEvent>;
  myEventState: Record<string, LoadState>;
  /** Session ids whose star is being saved, so the button can say it is busy. */
  starsPending: Record<string, true>;
  loadMyEvent(slug: string, options?: { force?: boolean }): Promise<void>;
  joinEvent(slug: string): Promise<void>;
  /** Stars or unstars; joins the event first when I am not a member yet. Throws ApiError. */
  toggleStar(slug: string, sessionId: string): Promise<void>;
  /** Drops everything personal (on sign-in, sign-out). */
  forgetPersonal(): void;
}

export const createPersonalSlice: SliceCreator<PersonalSlice> = (set, get) => ({
  myEvents: {},
  myEventState: {},
  starsPending: {},

  async loadMyEvent(slug, options = {}) {
    if (!get().user) return;
    const current = get().myEventState[slug];
    if (!options.force && current && current.status !== 'error') return;
    set((s) => ({ myEventState: { ...s.myEventState, [slug]: { status: 'loading' } } }));
    try {
      const mine = await call('myEvent', { params: { slug } });
      set((s) => ({
        myEvents: { ...s.myEvents, [slug]: mine },
        myEventState: { ...s.myEventState, [slug]: { status: 'ready' } },
      }));
    } catch (e) {
      if (!isApiError(e)) throw e;
      set((s) => ({ myEventState: { ...s.myEventState, [slug]: { status: 'error', error: e } } }));
    }
  },

  async joinEvent(slug) {
    const mine = await call('joinEvent', { params: { slug } });
    set((s) => ({
      myEvents: { ...s.myEvents, [slug]: mine },
      myEventState: { ...s.myEventState, [slug]: { status: 'ready' } },
      memberships:
        mine.role && !s.memberships.some((m) => m.eventSlug === slug)
          ? [...s.memberships, { eventSlug: slug, role: mine.role }]
          : s.memberships,
    }));
  },

  async toggleStar(slug, sessionId) {
    if (get().starsPending[sessionId]) return;
    set((s) => ({ starsPending: { ...s.starsPending, [sessionId]: true } }));
    try {
      if (!get().myEvents[slug]) await get().loadMyEvent(slug, { force: true });
      if (!get().myEvents[slug]?.role) await get().joinEvent(slug);
      const starred = get().myEvents[slug]?.starredSessionIds.includes(sessionId) ?? false;
      const mine = await call(starred ? 'unstarSession' : 'starSession', { params: { slug, id: sessionId } });
      set((s) => ({ myEvents: { ...s.myEvents, [slug]: mine } }));
    } finally {
      set((s) => {
        const pending = { ...s.starsPending };
        delete pending[sessionId];
        return { starsPending: pending };
      });
    }
  },

  forgetPersonal() {
    set({ myEvents: {}, myEventState: {}, starsPending: {}, members: {}, membersState: {}, audit: {}, auditState: {} });
  },
});
