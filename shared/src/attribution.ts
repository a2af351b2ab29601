import { z } from 'zod';
import { parseCommunityScene } from './community';
import { parseShareScene, ReferralCode } from './distribution';

/**
 * 归因 (attribution): where a visit came from — the launch scene mapped to a traffic source, the
 * WeChat group (`opengid` from a share ticket), the sharer, the referral code, the post — and the
 * behaviour events the mini-program batches. The buyer's visit is copied onto each order at creation.
 *
 * Identity: `POST /launch` needs the session (Bearer token); `POST /events` also accepts anonymous
 * callers that name their device in the `X-Device-Id` header (8–64 of `A-Z a-z 0-9 _ -`, made
 * once per install). A token that no longer verifies counts as anonymous there: events never
 * wait for a login.
 */

/** A database id as a string: 1 … 2^31−1 (INT columns). */
const MAX_DB_ID = 2_147_483_647;
const DbId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'must be a numeric id')
  .refine((value) => Number(value) <= MAX_DB_ID, 'must be a numeric id');

/** The header naming an anonymous caller's device. */
export const DEVICE_ID_HEADER = 'X-Device-Id';
export const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, _ or -');

// ——— traffic sources ———

export const TRAFFIC_SOURCES = ['SINGLE_CHAT', 'GROUP_CHAT', 'MOMENTS', 'CODE', 'SEARCH', 'DIRECT', 'OTHER'] as const;
export const TrafficSource = z.enum(TRAFFIC_SOURCES);
export type TrafficSource = z.infer<typeof TrafficSource>;

/**
 * WeChat launch scenes (WECHAT.md §C.7, PRODUCT.md "Analytics") by traffic source. A scene not
 * listed here is OTHER (e.g. 1037/1038 from another mini-program); no scene at all (0, null:
 * h5, tests) is DIRECT.
 */
const SCENES: Record<Exclude<TrafficSource, 'OTHER'>, readonly number[]> = {
  /** 单聊会话卡片. */
  SINGLE_CHAT: [1007],
  /** 群聊会话卡片; 1044 is the card opened with a shareTicket. */
  GROUP_CHAT: [1008, 1044],
  /** 朋友圈 (single-page mode and opening the full mini-program from it). */
  MOMENTS: [1154, 1155],
  /** Scanned codes: 小程序码 (1047 scan, 1048 long-press, 1049 album) and plain QR codes (1011–1013). */
  CODE: [1047, 1048, 1049, 1011, 1012, 1013],
  /** 搜索: top search box, 发现 search, used-before list, add-friend search, 搜一搜. */
  SEARCH: [1005, 1006, 1027, 1042, 1053],
  /** The user came back by themselves: recently used, pinned, desktop icon, pull-down, my mini-programs. */
  DIRECT: [1001, 1022, 1023, 1089, 1103, 1104],
};
const SOURCE_BY_SCENE = new Map<number, TrafficSource>(
  Object.entries(SCENES).flatMap(([source, scenes]) => scenes.map((scene) => [scene, source as TrafficSource])),
);

/** The traffic source of a launch scene. Pure. */
export function sourceOfScene(scene: number | null | undefined): TrafficSource {
  if (scene === null || scene === undefined || scene === 0) return 'DIRECT';
  return SOURCE_BY_SCENE.get(scene) ?? 'OTHER';
}

// ——— what a share path carries ———

/**
 * The query keys of a share path (`/pages/…?id=12&ref=K7M3PQ&sharer=42&postId=7`), read back
 * from the launch query. A mini-program code carries its referral in `scene` (`r=CODE&p=…`).
 */
export const SHARE_QUERY_KEYS = {
  /** The sharer's referral code (a distributor), e.g. `K7M3PQ`. */
  ref: 'ref',
  /** The sharer's user id when the sharer has no referral code (or to name them explicitly). */
  sharer: 'sharer',
  /** The post (content) the share or the tapped product came from. */
  postId: 'postId',
  communityId: 'communityId',
  /** A group-buy group (拼团) the share invites to. */
  groupId: 'groupId',
  /** A mini-program code's `scene`, URL-encoded (`r=<code>&p=<base36 product id>`). */
  scene: 'scene',
  /**
   * h5 development and tests only: a WeChat group to act as if the page had been opened from that
   * group's card (the sandbox shim makes a share ticket for it; scene 1044).
   */
  testOpengid: 'opengid',
} as const;

/** What a share path puts in its query; ids as strings. */
export interface ShareFacts {
  ref?: string | null;
  sharer?: string | null;
  postId?: string | null;
  communityId?: string | null;
  groupId?: string | null;
}

/** The query of a share path, keys in SHARE_QUERY_KEYS order, empty values left out. */
export function shareQueryOf(facts: ShareFacts): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of ['ref', 'sharer', 'postId', 'communityId', 'groupId'] as const) {
    const value = facts[key];
    if (value) query[SHARE_QUERY_KEYS[key]] = value;
  }
  return query;
}

/** What a launch query says about where it came from; anything malformed is simply absent. */
export interface LaunchFacts {
  ref: string | null;
  /** Where `ref` came from: a share path's `ref`, or a mini-program code's `scene`. */
  refFrom: 'LINK' | 'CODE' | null;
  sharerId: number | null;
  postId: number | null;
  communityId: number | null;
  groupBuyId: number | null;
}

const dbIdOf = (value: string | undefined): number | null => {
  const parsed = DbId.safeParse(value?.trim());
  return parsed.success ? Number(parsed.data) : null;
};

const decodeTwice = (raw: string): string => {
  let value = raw;
  for (let i = 0; i < 2 && /%[0-9a-f]{2}/i.test(value); i += 1) {
    try {
      value = decodeURIComponent(value);
    } catch {
      break;
    }
  }
  return value;
};

/**
 * Reads a launch query (share path or mini-program code). Never throws: a launch must not fail
 * because a relay mangled its query. A code's `scene` referral wins over a `ref` key.
 */
export function launchFactsOf(query: Record<string, string | undefined>): LaunchFacts {
  const K = SHARE_QUERY_KEYS;
  let ref: string | null = null;
  let refFrom: LaunchFacts['refFrom'] = null;
  let communityFromCode: string | null = null;
  const scene = query[K.scene];
  if (typeof scene === 'string' && scene) {
    const fromCode = parseShareScene(decodeTwice(scene)).ref;
    if (fromCode) [ref, refFrom] = [fromCode, 'CODE'];
    // A community's own mini-program code carries `c=<id>`.
    communityFromCode = parseCommunityScene(decodeTwice(scene));
  }
  const rawRef = query[K.ref];
  if (!ref && typeof rawRef === 'string') {
    const code = ReferralCode.safeParse(decodeTwice(rawRef));
    if (code.success) [ref, refFrom] = [code.data, 'LINK'];
  }
  return {
    ref,
    refFrom,
    sharerId: dbIdOf(query[K.sharer]),
    postId: dbIdOf(query[K.postId]),
    communityId: dbIdOf(query[K.communityId]) ?? dbIdOf(communityFromCode ?? undefined),
    groupBuyId: dbIdOf(query[K.groupId]),
  };
}

// ——— POST /launch ———

/** What `wx.getGroupEnterInfo` returned (a share ticket opened from a group card), passed on untouched. */
export const ShareTicketData = z
  .object({
    encryptedData: z.string().min(1).max(8192),
    iv: z.string().min(1).max(64),
  })
  .strict();
export type ShareTicketData = z.infer<typeof ShareTicketData>;

export const LAUNCH_QUERY_MAX_KEYS = 32;

/**
 * `POST /api/v1/launch`, sent on launch and on every show with a new scene (or new share):
 * WeChat's launch options as they came (`scene` 0 or null when there is none, e.g. h5), and the
 * group data when opened from a group card with a share ticket.
 */
export const LaunchRequest = z
  .object({
    scene: z.number().int().min(0).max(99_999).nullable(),
    path: z.string().max(255),
    query: z
      .record(z.string().max(64), z.string().max(512))
      .refine((q) => Object.keys(q).length <= LAUNCH_QUERY_MAX_KEYS, `at most ${LAUNCH_QUERY_MAX_KEYS} keys`)
      .default({}),
    shareTicket: ShareTicketData.optional(),
  })
  .strict();
export type LaunchRequest = z.infer<typeof LaunchRequest>;

export const LaunchResult = z.object({
  visitId: z.string(),
  source: TrafficSource,
  /** Present when this launch bound the user to the distributor of the path's `ref` (锁客). */
  bound: z.object({ distributorCode: z.string() }).optional(),
});
export type LaunchResult = z.infer<typeof LaunchResult>;

// ——— POST /events ———

/**
 * Behaviour events the mini-program reports. Orders created and paid are server facts, not events.
 * PRODUCT_VIEW and ADD_TO_CART need `productId`, POST_VIEW needs `postId`, PAGE_VIEW needs `page`.
 */
export const EVENT_TYPES = ['PAGE_VIEW', 'PRODUCT_VIEW', 'POST_VIEW', 'SHARE', 'ADD_TO_CART'] as const;
export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;

/** At most this many events in one `POST /events` (413 EVENT_BATCH_TOO_LARGE above it). */
export const MAX_EVENTS_PER_BATCH = 50;

export const AnalyticsEventInput = z
  .object({
    type: EventType,
    /** When it happened on the device (ISO-8601). Later than the server's clock counts as now. */
    at: z.iso.datetime({ offset: true }),
    page: z.string().min(1).max(255).optional(),
    productId: DbId.optional(),
    postId: DbId.optional(),
    /** The `visitId` of the launch this happened in. */
    visitId: DbId.optional(),
  })
  .strict()
  .superRefine((event, ctx) => {
    const needs = (field: 'page' | 'productId' | 'postId') => {
      if (!event[field]) ctx.addIssue({ code: 'custom', path: [field], message: `is required for ${event.type}` });
    };
    if (event.type === 'PAGE_VIEW') needs('page');
    if (event.type === 'PRODUCT_VIEW' || event.type === 'ADD_TO_CART') needs('productId');
    if (event.type === 'POST_VIEW') needs('postId');
  });
export type AnalyticsEventInput = z.infer<typeof AnalyticsEventInput>;

/** `POST /api/v1/events` (batched; anonymous allowed with `X-Device-Id`). */
export const EventsRequest = z
  .object({ events: z.array(AnalyticsEventInput).min(1).max(MAX_EVENTS_PER_BATCH) })
  .strict();
export type EventsRequest = z.infer<typeof EventsRequest>;

/**
 * How the server reads a batch: the envelope first (an object with a non-empty `events` array),
 * then each event on its own, so one malformed event (an older or newer app) never loses the batch.
 */
export const EventsEnvelope = z.object({ events: z.array(z.unknown()).min(1) }).strict();

/** 202: what was stored; each rejected event by its index, with the fields at fault. */
export const EventsResult = z.object({
  accepted: z.number().int(),
  rejected: z.array(
    z.object({
      index: z.number().int(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  ),
});
export type EventsResult = z.infer<typeof EventsResult>;
