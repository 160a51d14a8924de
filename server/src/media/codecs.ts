import type { ms } from './mediasoup.ts';

/**
 * What every stage router offers. Opus for sound; VP8 for cameras and screens (every browser), H264 constrained
 * baseline for Safari and hardware encoders. mediasoup adds RTX and the payload types.
 */
export const stageCodecs: ms.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48_000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90_000, parameters: { 'x-google-start-bitrate': 1000 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90_000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1, 'x-google-start-bitrate': 1000 },
  },
];
