import { z } from 'zod';
import { idSchema } from './agenda.ts';

// The WebRTC signaling of the stage (mediasoup on the server, mediasoup-client in the browser). Shapes follow
// mediasoup 3.12's RtpParameters / WebRtcTransport types, bounded so that garbage is refused here with
// VALIDATION_FAILED instead of reaching the media worker. Unknown keys are dropped (mediasoup-client adds a few
// that mediasoup 3.12 does not read, such as `msid`).

/** Audio or video. */
export const mediaKindSchema = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof mediaKindSchema>;

/** What a speaker shares. */
export const mediaSourceSchema = z.enum(['camera', 'microphone', 'screen']);
export type StageSource = z.infer<typeof mediaSourceSchema>;

/** The kind each source must have: a camera or a screen is video, a microphone audio. */
export const kindOfSource = { camera: 'video', microphone: 'audio', screen: 'video' } as const satisfies Record<StageSource, MediaKind>;

const uint32 = z.number().int().min(0).max(0xffff_ffff);
const payloadType = z.number().int().min(0).max(127);
const clockRate = z.number().int().min(1000).max(1_000_000);
const channels = z.number().int().min(1).max(8);
const mimeType = z.string().max(64).regex(/^(audio|video)\/[A-Za-z0-9._+-]{1,48}$/, 'a MIME type such as audio/opus or video/VP8');
const shortText = (max: number) => z.string().min(1).max(max);

/**
 * Codec (fmtp) parameters: a flat map of strings and numbers (`{ apt: 96 }`, `{ 'profile-level-id': '42e01f' }`).
 * Declared as `unknown` values so mediasoup-client's `Record<string, unknown>` fits; checked here all the same.
 */
const parametersSchema = z.record(z.string().min(1).max(64), z.unknown()).superRefine((params, ctx) => {
  const entries = Object.entries(params);
  if (entries.length > 32) ctx.addIssue({ code: 'custom', message: 'at most 32 parameters' });
  for (const [key, value] of entries) {
    const ok = (typeof value === 'string' && value.length <= 256) || (typeof value === 'number' && Number.isFinite(value));
    if (!ok) ctx.addIssue({ code: 'custom', path: [key], message: 'a parameter is a string (up to 256 characters) or a finite number' });
  }
});

const rtcpFeedbackSchema = z.object({ type: shortText(32), parameter: z.string().max(32).optional() });
const headerExtensionDirectionSchema = z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

/** One codec a router or a device can handle. */
export const rtpCodecCapabilitySchema = z.object({
  kind: mediaKindSchema,
  mimeType,
  preferredPayloadType: payloadType.optional(),
  clockRate,
  channels: channels.optional(),
  parameters: parametersSchema.optional(),
  rtcpFeedback: z.array(rtcpFeedbackSchema).max(16).optional(),
});

/** One RTP header extension a router or a device understands. */
export const rtpHeaderExtensionSchema = z.object({
  kind: mediaKindSchema,
  uri: shortText(256),
  preferredId: z.number().int().min(1).max(255),
  preferredEncrypt: z.boolean().optional(),
  direction: headerExtensionDirectionSchema.optional(),
});

/** What a router (answer to `stage:join`) or a device (`device.rtpCapabilities`, sent with `stage:consume`) can do. */
export const rtpCapabilitiesSchema = z.object({
  codecs: z.array(rtpCodecCapabilitySchema).max(64).optional(),
  headerExtensions: z.array(rtpHeaderExtensionSchema).max(32).optional(),
});
export type RtpCapabilities = z.infer<typeof rtpCapabilitiesSchema>;

const rtpCodecParametersSchema = z.object({
  mimeType,
  payloadType,
  clockRate,
  channels: channels.optional(),
  parameters: parametersSchema.optional(),
  rtcpFeedback: z.array(rtcpFeedbackSchema).max(16).optional(),
});

const rtpEncodingSchema = z.object({
  ssrc: uint32.optional(),
  rid: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, 'an RTP stream id of up to 16 letters, digits, - or _').optional(),
  codecPayloadType: payloadType.optional(),
  rtx: z.object({ ssrc: uint32 }).optional(),
  dtx: z.boolean().optional(),
  scalabilityMode: z.string().regex(/^[LS][1-9]\d?T[1-9]\d?(_KEY)?(_SHIFT)?h?$/, 'a scalability mode such as L1T3').optional(),
  scaleResolutionDownBy: z.number().min(1).max(256).optional(),
  maxBitrate: z.number().int().min(1).max(100_000_000).optional(),
});

/** How a producer sends or a consumer receives: codecs, header extensions, encodings (simulcast layers), RTCP. */
export const rtpParametersSchema = z.object({
  mid: z.string().min(1).max(32).optional(),
  codecs: z.array(rtpCodecParametersSchema).min(1).max(16),
  headerExtensions: z.array(z.object({
    uri: shortText(256),
    id: z.number().int().min(1).max(255),
    encrypt: z.boolean().optional(),
    parameters: parametersSchema.optional(),
  })).max(32).optional(),
  encodings: z.array(rtpEncodingSchema).min(1).max(8).optional(),
  rtcp: z.object({ cname: z.string().max(256).optional(), reducedSize: z.boolean().optional(), mux: z.boolean().optional() }).optional(),
});
export type RtpParameters = z.infer<typeof rtpParametersSchema>;

/** The DTLS side of a transport: a role and certificate fingerprints (hex pairs separated by colons). */
export const dtlsParametersSchema = z.object({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z.array(z.object({
    algorithm: z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']),
    value: z.string().regex(/^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){19,63}$/, 'a fingerprint such as AB:CD:…'),
  })).min(1).max(8),
});
export type DtlsParameters = z.infer<typeof dtlsParametersSchema>;

/** ICE credentials of a server transport. */
export const iceParametersSchema = z.object({ usernameFragment: z.string(), password: z.string(), iceLite: z.boolean().optional() });
export type IceParameters = z.infer<typeof iceParametersSchema>;

/** A server transport's ICE candidate; `address` and the older `ip` carry the same value. */
export const iceCandidateSchema = z.object({
  foundation: z.string(),
  priority: z.number(),
  ip: z.string(),
  address: z.string(),
  protocol: z.enum(['udp', 'tcp']),
  port: z.number().int(),
  type: z.literal('host'),
  tcpType: z.literal('passive').optional(),
});

/** Everything `device.createSendTransport()` / `createRecvTransport()` needs (add the `iceServers` of `stage:join`). */
export const transportOptionsSchema = z.object({
  id: idSchema,
  iceParameters: iceParametersSchema,
  iceCandidates: z.array(iceCandidateSchema),
  dtlsParameters: dtlsParametersSchema,
  sctpParameters: z.object({ port: z.number().int(), OS: z.number().int(), MIS: z.number().int(), maxMessageSize: z.number().int() }).optional(),
});
export type StageTransportOptions = z.infer<typeof transportOptionsSchema>;

/** A STUN or TURN server for the browser's RTCPeerConnection; TURN credentials are short-lived. */
export const iceServerSchema = z.object({ urls: z.array(z.string()), username: z.string().optional(), credential: z.string().optional() });
export type IceServer = z.infer<typeof iceServerSchema>;

/** A producer someone on stage is sending. */
export const stageProducerSchema = z.object({
  id: idSchema,
  userId: idSchema,
  kind: mediaKindSchema,
  source: mediaSourceSchema,
  /** Muted by its speaker. */
  paused: z.boolean(),
});
export type StageProducer = z.infer<typeof stageProducerSchema>;

/** How the audience sees the stage: one speaker big, a speaker beside a shared screen, or everyone in a grid. */
export const stageLayoutSchema = z.enum(['speaker', 'speakerScreen', 'grid']);
export type StageLayout = z.infer<typeof stageLayoutSchema>;

/** Who is on a stage, what they send, and the layout a moderator chose. */
export const stageStateSchema = z.object({
  stageId: idSchema,
  layout: stageLayoutSchema,
  onStage: z.array(z.object({ userId: idSchema, displayName: z.string(), producers: z.array(stageProducerSchema) })),
  /** Speakers, moderators and organisers with the stage's backstage open (joined with `backstage: true`). */
  backstage: z.array(z.object({ userId: idSchema, displayName: z.string() })),
});
export type StageState = z.infer<typeof stageStateSchema>;

/** The answer to `stage:join`: what to load the device with, the ICE servers, the stage now. */
export const stageJoinedSchema = z.object({
  stageId: idSchema,
  routerRtpCapabilities: rtpCapabilitiesSchema,
  iceServers: z.array(iceServerSchema),
  state: stageStateSchema,
  /** This connection may create a send transport and produce (its person is on stage). */
  canProduce: z.boolean(),
});
export type StageJoined = z.infer<typeof stageJoinedSchema>;

/** The payload of `stage:produce`; a source must have its kind (a camera is video). */
export const producePayloadSchema = z.strictObject({
  stageId: idSchema,
  transportId: idSchema,
  kind: mediaKindSchema,
  rtpParameters: rtpParametersSchema,
  appData: z.object({ source: mediaSourceSchema }),
}).refine((p) => kindOfSource[p.appData.source] === p.kind, { path: ['kind'], message: 'a camera or screen is video, a microphone audio' });

/** What `recvTransport.consume()` needs, plus the producer's source and owner. */
export const consumerOptionsSchema = z.object({
  id: idSchema,
  producerId: idSchema,
  kind: mediaKindSchema,
  rtpParameters: rtpParametersSchema,
  /** The consumer starts paused: resume it with `stage:resumeConsumer` once `consume()` returned. */
  producerPaused: z.boolean(),
  appData: z.object({ source: mediaSourceSchema, userId: idSchema }),
});
export type StageConsumerOptions = z.infer<typeof consumerOptionsSchema>;

/** Simulcast layer a viewer wants of a video consumer: 0 is the smallest picture; the server forwards the nearest it has. */
export const preferredLayersSchema = z.object({
  spatialLayer: z.number().int().min(0).max(2),
  temporalLayer: z.number().int().min(0).max(2).optional(),
});
export type PreferredLayers = z.infer<typeof preferredLayersSchema>;
