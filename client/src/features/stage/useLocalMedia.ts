import { useCallback, useEffect, useState } from 'react';

export type LocalMediaProblem = 'denied' | 'missing' | 'failed';

/** Why getUserMedia failed, in the words the page uses. */
function problemOf(e: unknown): LocalMediaProblem {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  return 'failed';
}

/** One local capture device's track: (re)opened when the chosen device changes, stopped when it goes. */
function useCapture(kind: 'audio' | 'video', deviceId: string, enabled: boolean, onOpened: () => void) {
  const [track, setTrack] = useState<MediaStreamTrack | null>(null);
  const [problem, setProblem] = useState<LocalMediaProblem | null>(null);
  useEffect(() => {
    if (!enabled) return;
    if (!navigator.mediaDevices?.getUserMedia) {
      setProblem('failed');
      return;
    }
    let cancelled = false;
    let opened: MediaStreamTrack | null = null;
    const exact = deviceId ? { deviceId: { exact: deviceId } } : {};
    const constraints: MediaStreamConstraints =
      kind === 'video'
        ? { video: { ...exact, width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } } }
        : { audio: { ...exact, echoCancellation: true, noiseSuppression: true, autoGainControl: true } };
    navigator.mediaDevices.getUserMedia(constraints).then(
      (stream) => {
        opened = (kind === 'video' ? stream.getVideoTracks() : stream.getAudioTracks())[0] ?? null;
        if (cancelled) {
          opened?.stop();
          return;
        }
        setTrack(opened);
        setProblem(opened ? null : 'missing');
        onOpened();
      },
      (e: unknown) => {
        if (!cancelled) setProblem(problemOf(e));
      },
    );
    return () => {
      cancelled = true;
      opened?.stop();
      setTrack(null);
    };
  }, [kind, deviceId, enabled, onOpened]);
  return { track, problem };
}

/**
 * The speaker's camera and microphone: chosen devices (enumerateDevices, labelled once permission is given), their
 * tracks for the preview, the level meter and the stage. Tracks stop when the page goes.
 */
export function useLocalMedia(enabled: boolean) {
  const [cameraId, setCameraId] = useState('');
  const [microphoneId, setMicrophoneId] = useState('');
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const refreshDevices = useCallback(() => {
    void navigator.mediaDevices?.enumerateDevices().then(setDevices, () => setDevices([]));
  }, []);
  const camera = useCapture('video', cameraId, enabled, refreshDevices);
  const microphone = useCapture('audio', microphoneId, enabled, refreshDevices);
  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!media?.addEventListener) return;
    media.addEventListener('devicechange', refreshDevices);
    return () => media.removeEventListener('devicechange', refreshDevices);
  }, [refreshDevices]);
  return {
    camera: camera.track,
    microphone: microphone.track,
    cameraProblem: camera.problem,
    microphoneProblem: microphone.problem,
    cameras: devices.filter((d) => d.kind === 'videoinput'),
    microphones: devices.filter((d) => d.kind === 'audioinput'),
    cameraId: cameraId || (camera.track?.getSettings().deviceId ?? ''),
    microphoneId: microphoneId || (microphone.track?.getSettings().deviceId ?? ''),
    setCameraId,
    setMicrophoneId,
  };
}
