import { Init1795924555412 } from './1795924555412-Init';
import { EventLog1795924970602 } from './1795924970602-EventLog';
import { Notices1795925114056 } from './1795925114056-Notices';
import { ReactorCursors1795925966149 } from './1795925966149-ReactorCursors';
import { ResponsesDispatch1795926279571 } from './1795926279571-ResponsesDispatch';
import { Resources1795926296386 } from './1795926296386-Resources';
import { Incidents1795926321726 } from './1795926321726-Incidents';
import { Warnings1795928597753 } from './1795928597753-Warnings';
import { EventsTypeIndex1795929336126 } from './1795929336126-EventsTypeIndex';
import { LineageReadFunction1795930000000 } from './1795930000000-LineageReadFunction';
import { SuggestionBasis1795931000000 } from './1795931000000-SuggestionBasis';
import { CapCorpus1795940000000 } from './1795940000000-CapCorpus';
import { UserAdmin1796599368906 } from './1796599368906-UserAdmin';
import { SmsDelivery1796600000000 } from './1796600000000-SmsDelivery';
import { LastMile1796600130000 } from './1796600130000-LastMile';
import { DutyDesk1796609794309 } from './1796609794309-DutyDesk';
import { NotificationCallId1796610000001 } from './1796610000001-NotificationCallId';
import { ReplayCheckpoints1796630000001 } from './1796630000001-ReplayCheckpoints';
import { CapLogIndex1796660000001 } from './1796660000001-CapLogIndex';
import { CallIndexes1796670000001 } from './1796670000001-CallIndexes';
import { CallRoundOpenIndex1796680000001 } from './1796680000001-CallRoundOpenIndex';
import { LineageReadByKey1796680000002 } from './1796680000002-LineageReadByKey';
import { GatewayIdsIndexPartial1796680000003 } from './1796680000003-GatewayIdsIndexPartial';
import { WarningExpirySweep1796680000004 } from './1796680000004-WarningExpirySweep';
import { LineageReadLean1796680000005 } from './1796680000005-LineageReadLean';

/** Every committed migration, oldest first. Never edit one that has been merged. */
export const MIGRATIONS = [
  Init1795924555412,
  EventLog1795924970602,
  Notices1795925114056,
  ReactorCursors1795925966149,
  ResponsesDispatch1795926279571,
  Resources1795926296386,
  Incidents1795926321726,
  Warnings1795928597753,
  EventsTypeIndex1795929336126,
  LineageReadFunction1795930000000,
  SuggestionBasis1795931000000,
  CapCorpus1795940000000,
  UserAdmin1796599368906,
  SmsDelivery1796600000000,
  LastMile1796600130000,
  DutyDesk1796609794309,
  NotificationCallId1796610000001,
  ReplayCheckpoints1796630000001,
  CapLogIndex1796660000001,
  CallIndexes1796670000001,
  CallRoundOpenIndex1796680000001,
  LineageReadByKey1796680000002,
  GatewayIdsIndexPartial1796680000003,
  WarningExpirySweep1796680000004,
  LineageReadLean1796680000005,
];
