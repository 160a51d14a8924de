import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.ts';

/** 0 to 100 from the loudness (RMS) of a block of samples; speech lands around 30 to 70. */
export function levelOf(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  // Logarithmic, as ears hear: -60 dBFS (near silence) is 0, 0 dBFS is 100.
  const db = 20 * Math.log10(Math.max(rms, 1e-6));
  return Math.max(0, Math.min(100, Math.round(((db + 60) / 60) * 100)));
}

/** The microphone's level (Web Audio AnalyserNode), as an ARIA meter read ten times a second. */
export function MicMeter({ track }: { track: MediaStreamTrack | null }) {
  const { t } = useI18n();
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!track || typeof AudioContext === 'undefined') {
      setLevel(0);
      return;
    }
    const context = new AudioContext();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    void context.resume().catch(() => {});
    // Peak hold with a fall-off, as level meters do: a short sound stays visible for about a second instead of a
    // flicker of one reading (speech is bursts; Chromium's test microphone beeps once a second).
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      const now = levelOf(samples);
      setLevel((shown) => Math.max(now, Math.floor(shown * 0.8)));
    }, 100);
    return () => {
      clearInterval(timer);
      source.disconnect();
      void context.close().catch(() => {});
    };
  }, [track]);
  return (
    <div className="mic-meter" role="meter" aria-label={t('stage.micLevel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={level} data-testid="mic-meter">
      <div className="mic-meter-bar" style={{ width: `${level}%` }} />
    </div>
  );
}
