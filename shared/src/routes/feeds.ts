import {
  capSettingsSchema,
  createFeedTokenSchema,
  feedLogQuerySchema,
  pullFeedSchema,
  trustedCertificatesSchema,
  type CapLogPageDto,
  type CapSettings,
  type CreatedFeedTokenDto,
  type FeedTokenDto,
  type PullEntryDto,
  type PullFeedDto,
  type PullPollSummary,
} from '../warnings';
import { del, get, post, put, shape } from './route';

/**
 * Feed administration (admins): the tokens push feeds authenticate with, and the certificates
 * their messages must be signed with.
 */
export const feedTokensRoutes = {
  create: post('admin/feed-tokens', {
    body: createFeedTokenSchema,
    response: shape<CreatedFeedTokenDto>(),
  }),
  list: get('admin/feed-tokens', { response: shape<FeedTokenDto[]>() }),
  revoke: del('admin/feed-tokens/:id', { response: shape<FeedTokenDto>() }),
  certificates: put('admin/feed-tokens/:id/certificates', {
    body: trustedCertificatesSchema,
    response: shape<FeedTokenDto>(),
  }),
};

/** CAP ingest settings: console roles read, admins edit. */
export const capSettingsRoutes = {
  get: get('admin/cap-settings', { response: shape<CapSettings>() }),
  put: put('admin/cap-settings', { body: capSettingsSchema, response: shape<CapSettings>() }),
};

/** Atom feeds the server polls for CAP messages (admins). */
export const pullFeedsRoutes = {
  list: get('admin/pull-feeds', { response: shape<PullFeedDto[]>() }),
  create: post('admin/pull-feeds', { body: pullFeedSchema, response: shape<PullFeedDto>() }),
  update: put('admin/pull-feeds/:id', { body: pullFeedSchema, response: shape<PullFeedDto>() }),
  remove: del('admin/pull-feeds/:id', { response: shape<PullFeedDto>() }),
  /** Entries seen, with quarantine reasons. */
  entries: get('admin/pull-feeds/:id/entries', { response: shape<PullEntryDto[]>() }),
  poll: post('admin/pull-feeds/:id/poll', { response: shape<PullPollSummary>() }),
};

/**
 * The CAP feed log (JSON). The feed's other routes are not contracts by design: the push ingest
 * takes raw XML, and `active.atom` / `messages/:id/cap.xml` answer XML.
 */
export const capFeedRoutes = {
  log: get('feeds/cap/log', { query: feedLogQuerySchema, response: shape<CapLogPageDto>() }),
};
