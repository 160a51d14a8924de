import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { useStore } from '../../store/index.ts';
import { levelOf, MicMeter } from './MicMeter.tsx';

describe('the microphone level', () => {
  it('is 0 in silence, about the middle for speech, 100 at full scale', () => {
    expect(levelOf(new Float32Array(512))).toBe(0);
    expect(levelOf(new Float32Array(512).fill(0.03))).toBeGreaterThan(40);
    expect(levelOf(new Float32Array(512).fill(0.03))).toBeLessThan(60);
    expect(levelOf(new Float32Array(512).fill(1))).toBe(100);
  });

  it('is a labelled meter with its value, 0 without a microphone', () => {
    useStore.setState({ lang: 'sv' });
    render(<MicMeter track={null} />);
    const meter = screen.getByRole('meter', { name: 'Mikrofonnivå' });
    expect(meter.getAttribute('aria-valuenow')).toBe('0');
    expect(meter.getAttribute('aria-valuemax')).toBe('100');
  });
});
