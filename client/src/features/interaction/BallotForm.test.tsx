import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { defaultPollSettings, type Ballot, type Poll } from '@samling/protocol';
import { resetStore, useStore } from '../../store/index.ts';
import { makePoll } from '../../test/factories.ts';
import { BallotForm } from './BallotForm.tsx';

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv' });
});

/** Renders the form under a heading naming the question; returns the ballots it submits. */
function renderForm(poll: Poll, given: Ballot | null = null) {
  const sent: Ballot[] = [];
  const onSubmit = vi.fn(async (ballot: Ballot) => {
    sent.push(ballot);
    return null;
  });
  render(
    <>
      <h4 id="q">{poll.question}</h4>
      <BallotForm poll={poll} given={given} questionId="q" onSubmit={onSubmit} />
    </>,
  );
  const submit = async () => {
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Skicka svar' }));
    });
  };
  return { sent, submit, onSubmit };
}

const id = (poll: Poll, label: string) => poll.options.find((o) => o.label === label)!.id;

describe('<BallotForm>', () => {
  it('single choice: a radio group named by the question; nothing chosen says so instead of sending', async () => {
    const poll = makePoll({ labels: ['AI', 'Robotar'] });
    const { sent, submit, onSubmit } = renderForm(poll);
    const group = screen.getByRole('group', { name: poll.question });
    expect(within(group).getAllByRole('radio').map((r) => r.closest('label')!.textContent)).toEqual(['AI', 'Robotar']);
    await submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Välj ett alternativ.');
    fireEvent.click(screen.getByRole('radio', { name: 'Robotar' }));
    await submit();
    expect(sent).toEqual([{ kind: 'single', optionId: id(poll, 'Robotar') }]);
  });

  it('multiple choice: at most N, the rest cannot be ticked until one is unticked; sent in the poll’s order', async () => {
    const poll = makePoll({ kind: 'multiple', labels: ['A', 'B', 'C'], settings: { ...defaultPollSettings, maxChoices: 2 } });
    const { sent, submit } = renderForm(poll);
    expect(screen.getByText('Välj högst 2.', { exact: false })).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'C' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'A' }));
    expect(screen.getByText('2 av högst 2 valda')).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: 'B' }) as HTMLInputElement).disabled).toBe(true);
    await submit();
    expect(sent).toEqual([{ kind: 'multiple', optionIds: [id(poll, 'A'), id(poll, 'C')] }]);
  });

  it('word cloud: one field per allowed word; empty ones are left out', async () => {
    const poll = makePoll({ kind: 'wordcloud', settings: { ...defaultPollSettings, maxWords: 3 } });
    const { sent, submit } = renderForm(poll);
    expect(screen.getAllByRole('textbox').map((f) => f.getAttribute('maxlength'))).toEqual(['40', '40', '40']);
    fireEvent.change(screen.getByLabelText('Ord 1'), { target: { value: ' Hållbarhet ' } });
    fireEvent.change(screen.getByLabelText('Ord 3'), { target: { value: 'AI' } });
    await submit();
    expect(sent).toEqual([{ kind: 'wordcloud', words: ['Hållbarhet', 'AI'] }]);
  });

  it('scale: a radio scale per statement, every statement rated', async () => {
    const poll = makePoll({ kind: 'scale', labels: ['AI hjälper oss', 'Vi har kompetensen'], settings: { ...defaultPollSettings, scaleMin: 1, scaleMax: 5 } });
    const { sent, submit } = renderForm(poll);
    const first = screen.getByRole('group', { name: 'AI hjälper oss' });
    expect(within(first).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['1', '2', '3', '4', '5']);
    fireEvent.click(within(first).getByRole('radio', { name: '4' }));
    await submit();
    expect(screen.getByRole('alert').textContent).toBe('Välj ett värde för varje påstående.');
    fireEvent.click(within(screen.getByRole('group', { name: 'Vi har kompetensen' })).getByRole('radio', { name: '2' }));
    await submit();
    expect(sent).toEqual([{ kind: 'scale', ratings: { [id(poll, 'AI hjälper oss')]: 4, [id(poll, 'Vi har kompetensen')]: 2 } }]);
  });

  it('ranking: ordered with move buttons, focus stays with the moved option and its new place is read out', async () => {
    const poll = makePoll({ kind: 'ranking', labels: ['Kompetens', 'Kapital', 'Teknik'] });
    const { sent, submit } = renderForm(poll);
    expect((screen.getByRole('button', { name: 'Flytta upp Kompetens' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Flytta upp Teknik' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Flytta upp Teknik' }));
    fireEvent.click(screen.getByRole('button', { name: 'Flytta upp Teknik' }));
    // At the top it cannot go further up: the focus moves to its other button.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Flytta ner Teknik' }));
    expect(screen.getByText('Teknik är nu på plats 1 av 3.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Flytta ner Kompetens' }));
    expect(screen.getAllByRole('listitem').map((li) => li.querySelector('.ranking-item-label')!.textContent)).toEqual(['Teknik', 'Kapital', 'Kompetens']);
    await submit();
    expect(sent).toEqual([{ kind: 'ranking', order: [id(poll, 'Teknik'), id(poll, 'Kapital'), id(poll, 'Kompetens')] }]);
  });

  it('open text: a text area with a counter; the answer is sent trimmed', async () => {
    const open = makePoll({ kind: 'open' });
    const first = renderForm(open);
    fireEvent.change(screen.getByLabelText('Ditt svar'), { target: { value: '  Hur finansieras det?\n' } });
    expect(screen.getByText('23 av 500 tecken')).toBeTruthy();
    await first.submit();
    expect(first.sent).toEqual([{ kind: 'open', text: 'Hur finansieras det?' }]);
  });

  it('quiz: starts from the answer given when changing it', async () => {
    const quiz = makePoll({ kind: 'quiz', labels: ['2016', '2006'] });
    const { sent, submit } = renderForm(quiz, { kind: 'quiz', optionId: id(quiz, '2006') });
    expect((screen.getByRole('radio', { name: '2006' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: '2016' }));
    await submit();
    expect(sent).toEqual([{ kind: 'quiz', optionId: id(quiz, '2016') }]);
  });
});
