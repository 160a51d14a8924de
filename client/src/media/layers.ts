import type { types } from 'mediasoup-client';

/**
 * A camera goes out as three simulcast layers (a quarter, half and full size); the server forwards each viewer the one
 * it prefers. `L1T3` gives each layer three frame rates, so a struggling viewer can also drop frames instead of
 * pictures. A screen is one layer: text must stay sharp, and screens change slowly.
 */
export const CAMERA_ENCODINGS: types.RtpEncodingParameters[] = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_500_000, scalabilityMode: 'L1T3' },
];
export const SCREEN_ENCODINGS: types.RtpEncodingParameters[] = [{ maxBitrate: 2_500_000 }];

/** The spatial layer (0 smallest … 2 full) worth receiving for a picture `width` CSS pixels wide on this downlink. */
export function chooseSpatialLayer(width: number, devicePixelRatio = 1, downlinkMbps: number | null = null): 0 | 1 | 2 {
  const pixels = width * Math.max(1, devicePixelRatio);
  // The full layer is the camera's size (typically 1280 wide), the middle one half of it, the smallest a quarter.
  let layer: 0 | 1 | 2 = pixels <= 360 ? 0 : pixels <= 720 ? 1 : 2;
  if (downlinkMbps !== null && Number.isFinite(downlinkMbps) && downlinkMbps > 0) {
    if (downlinkMbps < 0.8) layer = 0;
    else if (downlinkMbps < 2) layer = Math.min(layer, 1) as 0 | 1;
  }
  return layer;
}

/** The browser's estimate of the downlink in Mbit/s (Network Information API, Chromium only), or null. */
export function downlinkMbps(): number | null {
  const connection = (navigator as Navigator & { connection?: { downlink?: number } }).connection;
  return typeof connection?.downlink === 'number' ? connection.downlink : null;
}

/** Listens for downlink changes where the browser reports them; returns the unsubscribe. */
export function onDownlinkChange(listener: () => void): () => void {
  const connection = (navigator as Navigator & { connection?: EventTarget }).connection;
  if (!connection || typeof connection.addEventListener !== 'function') return () => {};
  connection.addEventListener('change', listener);
  return () => connection.removeEventListener('change', listener);
}
