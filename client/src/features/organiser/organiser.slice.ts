import type {
  AuditEntry, Event, EventPatch, ImportReport, Member, Role, SessionInput, SessionPatch, SpeakerInput, StageInput, TrackInput, Warning,
} from '@samling/protocol';
import { call, isApiError } from '../../api.ts';
import type { LoadState, SliceCreator } from '../../store/types.ts';

export interface OrganiserSlice {
  members: Record<string, Member[]>;
  membersState: Record<string, LoadState>;
  loadMembers(slug: string): Promise<void>;
  setMember(slug: string, input: { email: string; role: Role }): Promise<Member>;

  /** The event's audit log (organisers): the latest entries, newest first, and whether older ones exist. */
  audit: Record<string, { entries: AuditEntry[]; hasMore: boolean }>;
  auditState: Record<string, LoadState>;
  loadAudit(slug: string): Promise<void>;

  // Every write below throws ApiError; on success the agenda in the store is updated in place.
  updateEvent(slug: string, patch: EventPatch): Promise<Event>;
  saveTrack(slug: string, id: string | null, input: TrackInput): Promise<void>;
  deleteTrack(slug: string, id: string): Promise<void>;
  saveStage(slug: string, id: string | null, input: StageInput): Promise<void>;
  deleteStage(slug: string, id: string): Promise<void>;
  saveSpeaker(slug: string, id: string | null, input: SpeakerInput): Promise<void>;
  deleteSpeaker(slug: string, id: string): Promise<void>;
  /** Creates (id null) or edits a session; resolves to the warnings the organiser should see. */
  saveSession(slug: string, id: string | null, input: SessionInput | SessionPatch): Promise<Warning[]>;
  deleteSession(slug: string, id: string): Promise<void>;
  importSchedule(slug: string, schedule: unknown): Promise<ImportReport>;
}

export const createOrganiserSlice: SliceCreator<OrganiserSlice> = (set, get) => ({
  members: {},
  membersState: {},
  audit: {},
  auditState: {},

  async loadMembers(slug) {
    set((s) => ({ membersState: { ...s.membersState, [slug]: { status: 'loading' } } }));
    try {
      const list = await call('listMembers', { params: { slug } });
      set((s) => ({ members: { ...s.members, [slug]: list }, membersState: { ...s.membersState, [slug]: { status: 'ready' } } }));
    } catch (e) {
      if (!isApiError(e)) throw e;
      set((s) => ({ membersState: { ...s.membersState, [slug]: { status: 'error', error: e } } }));
    }
  },

  async loadAudit(slug) {
    set((s) => ({ auditState: { ...s.auditState, [slug]: { status: 'loading' } } }));
    try {
      const log = await call('auditLog', { params: { slug } });
      set((s) => ({ audit: { ...s.audit, [slug]: log }, auditState: { ...s.auditState, [slug]: { status: 'ready' } } }));
    } catch (e) {
      if (!isApiError(e)) throw e;
      set((s) => ({ auditState: { ...s.auditState, [slug]: { status: 'error', error: e } } }));
    }
  },

  async setMember(slug, input) {
    const member = await call('setMember', { params: { slug }, body: input });
    set((s) => {
      const list = s.members[slug] ?? [];
      const next = list.some((m) => m.userId === member.userId)
        ? list.map((m) => (m.userId === member.userId ? member : m))
        : [...list, member];
      return { members: { ...s.members, [slug]: next } };
    });
    return member;
  },

  async updateEvent(slug, patch) {
    const event = await call('updateEvent', { params: { slug }, body: patch });
    get().putEvent(event);
    return event;
  },

  async saveTrack(slug, id, input) {
    const track = id
      ? await call('updateTrack', { params: { slug, id }, body: input })
      : await call('createTrack', { params: { slug }, body: input });
    get().putEntity(slug, 'tracks', track);
  },
  async deleteTrack(slug, id) {
    await call('deleteTrack', { params: { slug, id } });
    get().dropEntity(slug, 'tracks', id);
  },

  async saveStage(slug, id, input) {
    const stage = id
      ? await call('updateStage', { params: { slug, id }, body: input })
      : await call('createStage', { params: { slug }, body: input });
    get().putEntity(slug, 'stages', stage);
  },
  async deleteStage(slug, id) {
    await call('deleteStage', { params: { slug, id } });
    get().dropEntity(slug, 'stages', id);
  },

  async saveSpeaker(slug, id, input) {
    const speaker = id
      ? await call('updateSpeaker', { params: { slug, id }, body: input })
      : await call('createSpeaker', { params: { slug }, body: input });
    get().putEntity(slug, 'speakers', speaker);
  },
  async deleteSpeaker(slug, id) {
    await call('deleteSpeaker', { params: { slug, id } });
    get().dropEntity(slug, 'speakers', id);
    // The server unlinks the speaker from its sessions; mirror that rather than refetching.
    for (const sessionId of get().agendas[slug]?.sessionIds ?? []) {
      const session = get().sessions[sessionId];
      if (session?.speakerIds.includes(id)) {
        get().putEntity(slug, 'sessions', { ...session, speakerIds: session.speakerIds.filter((x) => x !== id) });
      }
    }
  },

  async saveSession(slug, id, input) {
    const result = id
      ? await call('updateSession', { params: { slug, id }, body: input as SessionPatch })
      : await call('createSession', { params: { slug }, body: input as SessionInput });
    get().putEntity(slug, 'sessions', result.session);
    return result.warnings;
  },
  async deleteSession(slug, id) {
    await call('deleteSession', { params: { slug, id } });
    get().dropEntity(slug, 'sessions', id);
  },

  async importSchedule(slug, schedule) {
    const report = await call('importSchedule', { params: { slug }, body: schedule });
    await get().loadAgenda(slug, { force: true });
    return report;
  },
});
