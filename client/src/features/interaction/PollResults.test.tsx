import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { resetStore, useStore } from '../../store/index.ts';
import { makeChoiceResults, makePoll } from '../../test/factories.ts';
import { PollResultsView } from './PollResults.tsx';

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
/** A table row as its cells' texts (a row's textContent runs the cells together). */
const cells = (row: Element) => Array.from(row.children).map(text).join(' | ');

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv' });
});

describe('<PollResultsView>', () => {
  it('draws a bar per option with its count and percentage as text, in a table', () => {
    const poll = makePoll({ labels: ['AI', 'Robotar', '5G'] });
    const { results } = makeChoiceResults(poll, [3, 1, 0]);
    render(<PollResultsView poll={poll} results={results!} />);
    const table = screen.getByRole('table', { name: `Resultat: ${poll.question}` });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(cells)).toEqual(['AI | 3 | 75 %', 'Robotar | 1 | 25 %', '5G | 0 | 0 %']);
    expect(within(table).getAllByRole('columnheader').map(text)).toEqual(['Alternativ', 'Svar', 'Andel']);
    expect(within(rows[0]!).getByRole('rowheader').textContent).toBe('AI');
    // The bar is as wide as the share (the transition animates the change); it is decoration for screen readers.
    const bar = rows[0]!.querySelector<HTMLElement>('.bar-fill')!;
    expect(bar.style.getPropertyValue('--share')).toBe('0.75');
    expect(bar.closest('[aria-hidden="true"]')).not.toBeNull();
  });

  it('counts shares of people in a multiple-choice poll, and marks the correct quiz answer in words', () => {
    const multi = makePoll({ kind: 'multiple', labels: ['A', 'B'] });
    const { unmount } = render(<PollResultsView poll={multi} results={makeChoiceResults(multi, [2, 2], { voters: 2 }).results!} />);
    expect(screen.getAllByRole('row').slice(1).map(cells)).toEqual(['A | 2 | 100 %', 'B | 2 | 100 %']);
    unmount();

    const quiz = makePoll({ kind: 'quiz', labels: ['2016', '2006'], status: 'closed' });
    const withAnswer = { ...quiz, correctOptionIds: [quiz.options[0]!.id] };
    render(<PollResultsView poll={withAnswer} results={{ kind: 'quiz', voters: 4, options: quiz.options.map((o, i) => ({ optionId: o.id, count: [3, 1][i]! })), leaderboard: [{ name: 'Alva', points: 950 }] }} />);
    expect(cells(screen.getAllByRole('row')[1]!)).toBe('2016✓ Rätt svar | 3 | 75 %');
    expect(screen.getByRole('heading', { name: 'Topplista' })).toBeTruthy();
    expect(screen.getByRole('listitem').textContent).toBe('Alva950 poäng');
  });

  it('lists the words of a word cloud, sized by count, with the counts for screen readers', () => {
    const poll = makePoll({ kind: 'wordcloud' });
    render(<PollResultsView poll={poll} results={{ kind: 'wordcloud', voters: 5, words: [{ word: 'hållbarhet', count: 4 }, { word: 'ai', count: 1 }] }} />);
    const words = within(screen.getByRole('list', { name: 'Ordmoln' })).getAllByRole('listitem');
    expect(words.map(text)).toEqual(['hållbarhet, 4 st', 'ai, 1 st']);
    expect(Number.parseFloat(words[0]!.style.getPropertyValue('--word-size'))).toBeGreaterThan(Number.parseFloat(words[1]!.style.getPropertyValue('--word-size')));
  });

  it('shows each statement’s average and distribution, and a ranking by average place', () => {
    const scale = makePoll({ kind: 'scale', labels: ['AI hjälper oss'], settings: { ...makePoll().settings, scaleMin: 1, scaleMax: 5 } });
    const { unmount } = render(
      <PollResultsView poll={scale} results={{ kind: 'scale', voters: 2, statements: [{ optionId: scale.options[0]!.id, distribution: [0, 0, 1, 0, 1], average: 4, answers: 2 }] }} />,
    );
    expect(screen.getByText('Medel 4 av 5')).toBeTruthy();
    expect(screen.getAllByRole('columnheader').map(text)).toEqual(['Värde 1', 'Värde 2', 'Värde 3', 'Värde 4', 'Värde 5']);
    unmount();

    const ranking = makePoll({ kind: 'ranking', labels: ['Kompetens', 'Kapital'] });
    render(
      <PollResultsView
        poll={ranking}
        results={{ kind: 'ranking', voters: 2, options: [{ optionId: ranking.options[1]!.id, averageRank: 1.5 }, { optionId: ranking.options[0]!.id, averageRank: 1.5 }] }}
      />,
    );
    expect(screen.getAllByRole('listitem').map(text)).toEqual(['Kapitalsnittplacering 1,5', 'Kompetenssnittplacering 1,5']);
  });
});
