import { atLeast } from '@samling/protocol';
import type { ReactNode } from 'react';
import { Link, useLocation } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { Async, Loading } from '../../ui/Async.tsx';
import { useDocumentTitle } from '../../ui/hooks.ts';
import { roleIn } from '../auth/auth.slice.ts';
import { useAgenda, type AgendaView } from '../agenda/useAgenda.ts';
import { AuditLog } from './AuditLog.tsx';
import { EventDetailsForm } from './EventDetailsForm.tsx';
import { GuestAccessEditor } from './GuestAccessEditor.tsx';
import { ImportForm } from './ImportForm.tsx';
import { PollsEditor } from './PollsEditor.tsx';
import { MembersEditor } from './MembersEditor.tsx';
import { SessionsEditor } from './SessionsEditor.tsx';
import { SpeakersEditor } from './SpeakersEditor.tsx';
import { StagesEditor } from './StagesEditor.tsx';
import { TracksEditor } from './TracksEditor.tsx';
import { RegistrationSettings } from '../registration/RegistrationSettings.tsx';
import { InvitationsEditor } from '../registration/InvitationsEditor.tsx';
import { AttendeesPanel } from '../registration/AttendeesPanel.tsx';
import { FilmsEditor } from '../stage/film/FilmsEditor.tsx';
import { PurgeSection } from '../privacy/PurgeSection.tsx';

/** The editor's parts; one is shown at a time (`?section=`), sessions first because they change most. */
const sections = [
  { key: 'sessions', title: 'manage.sessions.title' },
  { key: 'polls', title: 'manage.polls.title' },
  { key: 'tracks', title: 'manage.tracks.title' },
  { key: 'stages', title: 'manage.stages.title' },
  { key: 'films', title: 'manage.films.title' },
  { key: 'speakers', title: 'manage.speakers.title' },
  { key: 'event', title: 'manage.event.title' },
  { key: 'guests', title: 'manage.guests.title' },
  { key: 'import', title: 'manage.import.title' },
  { key: 'registration', title: 'manage.registration.title' },
  { key: 'invitations', title: 'manage.invitations.title' },
  { key: 'members', title: 'manage.members.title' },
  { key: 'audit', title: 'manage.audit.title' },
  { key: 'privacy', title: 'privacy.title' },
] as const satisfies readonly { key: string; title: MessageKey }[];
type SectionKey = (typeof sections)[number]['key'];

/** `/e/:slug/manage`: the organiser's editor. The server enforces the role; this page only stays out of the way. */
export function ManagePage({ slug }: { slug: string }) {
  const { t } = useI18n();
  // The agenda is public; loading it here also names the event in the navigation before sign-in.
  useAgenda(slug);
  const meState = useStore((s) => s.meState);
  const signedIn = useStore((s) => s.user !== null);
  const isOrganiser = useStore((s) => atLeast(roleIn(s.memberships, slug), 'organiser'));
  const eventName = useStore((s) => s.events[slug]?.name);
  const title = t('manage.title', { event: eventName ?? '' }).trim();
  useDocumentTitle(t('nav.manage'), eventName);

  let body: ReactNode;
  if (!signedIn && meState?.status !== 'ready') body = <Loading />;
  else if (!signedIn)
    body = <p className="notice">{t('manage.signInPrompt')}</p>;
  else if (!isOrganiser) body = <p className="notice">{t('manage.forbidden')}</p>;
  else body = <ManageAgenda slug={slug} />;

  return (
    <div className="page manage-page">
      <h1>{isOrganiser && eventName ? title : t('nav.manage')}</h1>
      {body}
    </div>
  );
}

function ManageAgenda({ slug }: { slug: string }) {
  const { agenda, state, reload } = useAgenda(slug);
  return (
    <Async state={state} hasData={agenda !== null} onRetry={reload}>
      {() => <ManageSections agenda={agenda!} />}
    </Async>
  );
}

function ManageSections({ agenda }: { agenda: AgendaView }) {
  const { t } = useI18n();
  const location = useLocation();
  const slug = agenda.event.slug;
  const requested = location.search.get('section');
  const current = sections.find((s) => s.key === requested) ?? sections[0];
  const content: Record<SectionKey, () => ReactNode> = {
    sessions: () => <SessionsEditor agenda={agenda} />,
    polls: () => <PollsEditor agenda={agenda} />,
    tracks: () => <TracksEditor slug={slug} tracks={agenda.tracks} />,
    stages: () => <StagesEditor slug={slug} stages={agenda.stages} />,
    films: () => <FilmsEditor slug={slug} />,
    speakers: () => <SpeakersEditor slug={slug} speakers={agenda.speakers} />,
    event: () => <EventDetailsForm key={agenda.event.id} event={agenda.event} />,
    guests: () => <GuestAccessEditor event={agenda.event} />,
    import: () => <ImportForm slug={slug} />,
    registration: () => <RegistrationSettings slug={slug} />,
    invitations: () => <InvitationsEditor slug={slug} timeZone={agenda.event.timeZone} />,
    members: () => (
      <>
        <AttendeesPanel slug={slug} timeZone={agenda.event.timeZone} />
        <MembersEditor slug={slug} showList={false} />
      </>
    ),
    audit: () => <AuditLog event={agenda.event} />,
    privacy: () => <PurgeSection event={agenda.event} />,
  };
  return (
    <>
      <nav className="subnav" aria-label={t('manage.contents')}>
        <ul>
          {sections.map((s) => (
            <li key={s.key}>
              <Link to={`${paths.manage(slug)}?section=${s.key}`} aria-current={s.key === current.key ? 'page' : undefined}>
                {t(s.title)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section key={current.key} className="manage-section" aria-labelledby="manage-section-title">
        <h2 id="manage-section-title">{t(current.title)}</h2>
        {content[current.key]()}
      </section>
    </>
  );
}
