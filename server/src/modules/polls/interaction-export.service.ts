import type { PollResults } from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { eventBySlug, requireRole } from '../events/access.ts';
import type { QaService } from '../qa/qa.service.ts';
import { pollResultsCsv, toCsv } from './csv.ts';
import type { PollsService } from './polls.service.ts';

/** CSV files of what happened in a session: each poll's results, and the Q&A. */
export class InteractionExportService {
  constructor(private readonly prisma: Prisma, private readonly polls: PollsService, private readonly qa: QaService) {}

  async pollCsv(actor: Actor, slug: string, pollId: string): Promise<[string, string]> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'moderator');
    const summary = (await this.polls.summaries(actor, slug, await this.sessionOf(event.id, pollId))).find((s) => s.poll.id === pollId)!;
    const results = await this.results(pollId);
    return [`${slug}-poll-${summary.poll.position + 1}.csv`, pollResultsCsv(summary.poll, results)];
  }

  async sessionCsv(actor: Actor, slug: string, sessionId: string): Promise<[string, string]> {
    const event = await eventBySlug(this.prisma, slug);
    const summaries = await this.polls.summaries(actor, slug, sessionId);
    const parts: string[] = [];
    parts.push(toCsv([['Omröstningar'], ['Fråga', 'Typ', 'Status', 'Svarande', 'Närvarande', 'Deltagande']]));
    parts.push(toCsv(summaries.map((s) => [
      s.poll.question, s.poll.kind, s.poll.status, s.voters, s.present,
      s.present ? `${Math.round((100 * s.voters) / s.present)} %` : null,
    ])));
    for (const s of summaries) {
      if (s.poll.status === 'draft') continue;
      parts.push(toCsv([[]]));
      parts.push(pollResultsCsv(s.poll, await this.results(s.poll.id)));
    }
    const questions = await this.qa.all(actor, event.id, sessionId);
    parts.push(toCsv([[], ['Frågor'], ['Fråga', 'Frågeställare', 'Röster', 'Status', 'Besvarad', 'Tid']]));
    parts.push(toCsv(questions.map((q) => [q.text, q.author ?? 'anonym', q.votes, q.status, q.answered ? 'ja' : 'nej', q.createdAt])));
    // Each part starts with a byte-order mark for Excel; the file needs exactly one.
    return [`${slug}-session-${sessionId.slice(0, 8)}.csv`, '\ufeff' + parts.map((p) => p.replace(/^\ufeff/, '')).join('')];
  }

  private async results(pollId: string): Promise<PollResults> {
    const msg = await this.polls.resultsMessage(pollId, 0);
    if (!msg?.full.results) throw notFound('Poll');
    return msg.full.results;
  }

  private async sessionOf(eventId: string, pollId: string): Promise<string> {
    const poll = await this.prisma.poll.findFirst({ where: { id: pollId, eventId }, select: { sessionId: true } });
    if (!poll) throw notFound('Poll');
    return poll.sessionId;
  }
}
