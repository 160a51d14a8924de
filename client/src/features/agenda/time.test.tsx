import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { useStore } from '../../store/index.ts';
import { SessionTime } from './SessionTime.tsx';
import { isOnNow, sessionTimes, viewerTimeZone } from './time.ts';

// 09:00–09:45 in Stockholm on 24 November 2026 (winter time, UTC+1).
const startsAt = '2026-11-24T08:00:00.000Z';
const endsAt = '2026-11-24T08:45:00.000Z';

describe('sessionTimes', () => {
  it('shows the event zone only when the viewer shares its offset', () => {
    expect(sessionTimes(startsAt, endsAt, 'Europe/Stockholm', 'Europe/Stockholm')).toEqual({ event: '09:00–09:45', viewer: null });
    expect(sessionTimes(startsAt, endsAt, 'Europe/Stockholm', 'Europe/Paris')).toEqual({ event: '09:00–09:45', viewer: null });
  });

  it('adds the viewer’s time when their offset differs', () => {
    expect(sessionTimes(startsAt, endsAt, 'Europe/Stockholm', 'America/New_York')).toEqual({ event: '09:00–09:45', viewer: '03:00–03:45' });
    expect(sessionTimes(startsAt, endsAt, 'Europe/Stockholm', 'Europe/London')).toEqual({ event: '09:00–09:45', viewer: '08:00–08:45' });
  });

  it('compares offsets at the session’s moment, not today', () => {
    // 2026-03-29 09:00 in Stockholm is already summer time (UTC+2); New York has been on summer time (UTC-4) for three weeks.
    expect(sessionTimes('2026-03-29T07:00:00Z', '2026-03-29T07:30:00Z', 'Europe/Stockholm', 'America/New_York').viewer).toBe('03:00–03:30');
  });
});

describe('<SessionTime>', () => {
  it('renders the event time alone for a viewer in Stockholm', () => {
    localStorage.setItem('samling.tz', 'Europe/Stockholm');
    useStore.setState({ lang: 'sv' });
    const { container } = render(<SessionTime startsAt={startsAt} endsAt={endsAt} timeZone="Europe/Stockholm" />);
    expect(container.textContent).toBe('09:00–09:45');
  });

  it('adds "i din tidszon" for a viewer in New York', () => {
    localStorage.setItem('samling.tz', 'America/New_York');
    useStore.setState({ lang: 'sv' });
    const { container } = render(<SessionTime startsAt={startsAt} endsAt={endsAt} timeZone="Europe/Stockholm" />);
    expect(container.textContent).toBe('09:00–09:45 (03:00–03:45 i din tidszon)');
    expect(screen.getByText('09:00–09:45').closest('time')?.getAttribute('datetime')).toBe(startsAt);
  });

  it('speaks English when the language is English', () => {
    localStorage.setItem('samling.tz', 'America/New_York');
    useStore.setState({ lang: 'en' });
    const { container } = render(<SessionTime startsAt={startsAt} endsAt={endsAt} timeZone="Europe/Stockholm" />);
    expect(container.textContent).toBe('09:00–09:45 (03:00–03:45 your time)');
    useStore.setState({ lang: 'sv' });
  });
});

describe('viewerTimeZone', () => {
  it('ignores an override that is not a time zone', () => {
    localStorage.setItem('samling.tz', 'Mars/Olympus');
    expect(viewerTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});

describe('isOnNow', () => {
  const session = { startsAt, endsAt, status: 'scheduled' };
  it('is on within its time, or when a moderator marks it live, but not once ended', () => {
    expect(isOnNow(session, new Date('2026-11-24T08:10:00Z'))).toBe(true);
    expect(isOnNow(session, new Date('2026-11-24T08:45:00Z'))).toBe(false);
    expect(isOnNow({ ...session, status: 'live' }, new Date('2026-11-24T09:30:00Z'))).toBe(true);
    expect(isOnNow({ ...session, status: 'ended' }, new Date('2026-11-24T08:10:00Z'))).toBe(false);
  });
});
