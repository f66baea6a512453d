import { FeedToken } from '../auth/entities/feed-token.entity';
import { User } from '../auth/entities/user.entity';
import { Contact } from '../geo/entities/contact.entity';
import { District } from '../geo/entities/district.entity';
import { RescueTeam } from '../geo/entities/rescue-team.entity';
import { Shelter } from '../geo/entities/shelter.entity';
import { StockItem } from '../geo/entities/stock-item.entity';
import { Subdistrict } from '../geo/entities/subdistrict.entity';
import { Warehouse } from '../geo/entities/warehouse.entity';
import { WaterloggingPoint } from '../geo/entities/waterlogging-point.entity';
import { AppSetting } from './app-setting.entity';
import { Notice } from '../notices/entities/notice.entity';
import { EventCounter } from '../events/entities/event-counter.entity';
import { EventRecord } from '../events/entities/event-record.entity';
import { ReactorCursor } from '../events/entities/reactor-cursor.entity';
import { CapMessage } from '../warnings/entities/cap-message.entity';
import { Warning } from '../warnings/entities/warning.entity';
import { ResponseRule } from '../warnings/entities/response-rule.entity';
import { ResponseSuggestionRow } from '../warnings/entities/suggestion.entity';
import { PullFeed } from '../warnings/entities/pull-feed.entity';
import { PullEntry } from '../warnings/entities/pull-entry.entity';

export const ENTITIES = [
  AppSetting,
  District,
  Subdistrict,
  WaterloggingPoint,
  Contact,
  Shelter,
  RescueTeam,
  Warehouse,
  StockItem,
  User,
  FeedToken,
  EventRecord,
  EventCounter,
  Notice,
  ReactorCursor,
  CapMessage,
  Warning,
  ResponseRule,
  ResponseSuggestionRow,
  PullFeed,
  PullEntry,
];
