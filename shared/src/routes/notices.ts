import { postNoticeSchema, type NoticeDto } from '../events';
import { get, post, shape } from './route';

/** Notices posted to the console. */
export const noticesRoutes = {
  post: post('notices', { body: postNoticeSchema, response: shape<NoticeDto>() }),
  recent: get('notices', { response: shape<NoticeDto[]>() }),
};
