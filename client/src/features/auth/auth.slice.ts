import type { Me, Role, SignInInput, SignUpInput, User } from '@samling/protocol';
import { call, isApiError } from '../../api.ts';
import type { LoadState, SliceCreator } from '../../store/types.ts';

export interface AuthSlice {
  /** The signed-in person, or null when signed out (or not known yet). */
  user: User | null;
  memberships: Me['memberships'];
  meState: LoadState | undefined;
  loadMe(): Promise<void>;
  signIn(input: SignInInput): Promise<void>;
  signUp(input: SignUpInput): Promise<void>;
  signOut(): Promise<void>;
  /**
   * Signs the account out in every browser (the server ends all its sessions and clears this cookie), then forgets the
   * user here. Throws ApiError when the server could not do it, and the person stays signed in; an UNAUTHENTICATED
   * answer means this browser was signed out already, which is what was asked for.
   */
  signOutEverywhere(): Promise<void>;
  /** Joins an event by its guest code as `displayName` (the server signs this browser in as the guest); resolves to the event's slug. */
  joinAsGuest(code: string, displayName: string): Promise<string>;
}

export const createAuthSlice: SliceCreator<AuthSlice> = (set, get) => ({
  user: null,
  memberships: [],
  meState: undefined,

  async loadMe() {
    set({ meState: { status: 'loading' } });
    try {
      const me = await call('me');
      set({ user: me.user, memberships: me.memberships, meState: { status: 'ready' } });
    } catch (e) {
      if (!isApiError(e)) throw e;
      set({ meState: { status: 'error', error: e } });
    }
  },

  async signIn(input) {
    await call('signIn', { body: input });
    get().forgetPersonal();
    await get().loadMe();
  },

  async signUp(input) {
    await call('signUp', { body: input });
    get().forgetPersonal();
    await get().loadMe();
  },

  async joinAsGuest(code, displayName) {
    const { eventSlug } = await call('guestJoin', { body: { code, displayName } });
    get().forgetPersonal();
    await get().loadMe();
    return eventSlug;
  },

  async signOut() {
    try {
      await call('signOut');
    } finally {
      get().forgetPersonal();
      set({ user: null, memberships: [], meState: { status: 'ready' } });
    }
  },

  async signOutEverywhere() {
    try {
      await call('signOutEverywhere');
    } catch (e) {
      if (!isApiError(e) || e.code !== 'UNAUTHENTICATED') throw e;
    }
    get().forgetPersonal();
    set({ user: null, memberships: [], meState: { status: 'ready' } });
  },
});

/** The role the signed-in person holds in an event, from /api/auth/me. */
export function roleIn(memberships: Me['memberships'], slug: string): Role | null {
  return memberships.find((m) => m.eventSlug === slug)?.role ?? null;
}
