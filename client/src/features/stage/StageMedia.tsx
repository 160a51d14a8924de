import { useEffect, useRef } from 'react';
import type { StageConnection } from '../../media/stage-connection.ts';
import { chooseSpatialLayer, downlinkMbps, onDownlinkChange } from '../../media/layers.ts';
import type { StageFeed } from './stage.slice.ts';

/** Shows a MediaStreamTrack in a <video> (the local preview, or a feed). Always muted: sound plays in <audio>. */
export function TrackVideo({ track, label, mirrored = false, testId }: { track: MediaStreamTrack | null; label: string; mirrored?: boolean; testId?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = track ? new MediaStream([track]) : null;
    if (track) void el.play().catch(() => {
      // Muted video may always play; a refusal here means the element went away.
    });
    return () => {
      el.srcObject = null;
    };
  }, [track]);
  return <video ref={ref} className={mirrored ? 'stage-video mirrored' : 'stage-video'} autoPlay playsInline muted aria-label={label} data-testid={testId} />;
}

/**
 * One received video. A camera comes in three simulcast layers: the one asked for follows the picture's size on
 * screen (ResizeObserver) and the downlink the browser reports, so a thumbnail on a slow line gets the smallest.
 */
export function FeedVideo({ connection, feed, label }: { connection: StageConnection; feed: StageFeed; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || feed.source !== 'camera' || typeof ResizeObserver === 'undefined') return;
    let last = -1;
    const choose = () => {
      if (el.clientWidth === 0) return;
      const layer = chooseSpatialLayer(el.clientWidth, window.devicePixelRatio, downlinkMbps());
      if (layer === last) return;
      last = layer;
      connection.setPreferredLayer(feed.consumerId, layer);
    };
    const observer = new ResizeObserver(choose);
    observer.observe(el);
    const off = onDownlinkChange(choose);
    return () => {
      observer.disconnect();
      off();
    };
  }, [connection, feed.consumerId, feed.source]);
  return (
    <figure className={`stage-feed stage-feed-${feed.source}`} ref={ref}>
      <TrackVideo track={connection.track(feed.consumerId)} label={label} testId="stage-video" />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

/** One received sound. Playing with sound may be refused until the person interacts with the page (autoplay). */
export function FeedAudio({ connection, feed, soundOn, onBlocked }: { connection: StageConnection; feed: StageFeed; soundOn: boolean; onBlocked: () => void }) {
  const ref = useRef<HTMLAudioElement>(null);
  const track = connection.track(feed.consumerId);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = track ? new MediaStream([track]) : null;
    return () => {
      el.srcObject = null;
    };
  }, [track]);
  useEffect(() => {
    const el = ref.current;
    if (!el || !track) return;
    el.muted = !soundOn;
    if (soundOn) {
      el.play().catch((e: unknown) => {
        if (e instanceof DOMException && e.name === 'NotAllowedError') onBlocked();
      });
    }
  }, [soundOn, track, onBlocked]);
  return <audio ref={ref} autoPlay data-testid="stage-audio" />;
}
