import { Instruction } from '../duty-desk/entities/instruction.entity';
import { InstructionAssignment } from '../duty-desk/entities/instruction-assignment.entity';
import { ReportRecipient } from '../duty-desk/entities/report-recipient.entity';
import { RotaGapWarning } from '../duty-desk/entities/rota-gap-warning.entity';
import { RotaShift } from '../duty-desk/entities/rota-shift.entity';
import { UpwardReport } from '../duty-desk/entities/upward-report.entity';
import { FeedToken } from '../auth/entities/feed-token.entity';
import { RevokedSession } from '../auth/entities/revoked-session.entity';
import { User } from '../auth/entities/user.entity';
import { Contact } from '../geo/entities/contact.entity';
import { District } from '../geo/entities/district.entity';
import { RescueTeam } from '../geo/entities/rescue-team.entity';
import { Shelter } from '../geo/entities/shelter.entity';
import { StockItem } from '../geo/entities/stock-item.entity';
import { Subdistrict } from '../geo/entities/subdistrict.entity';
import { Warehouse } from '../geo/entities/warehouse.entity';
import { WaterloggingPoint } from '../geo/entities/waterlogging-point.entity';
import { AppSetting } from '../core/settings/app-setting.entity';
import { Notice } from '../notices/entities/notice.entity';
import { EventCounter } from '../events/entities/event-counter.entity';
import { EventRecord } from '../events/entities/event-record.entity';
import { ReactorCursor } from '../events/entities/reactor-cursor.entity';
import { Incident } from '../incidents/entities/incident.entity';
import { IncidentReport } from '../incidents/entities/incident-report.entity';
import { IncidentVersion } from '../incidents/entities/incident-version.entity';
import { DutyRule } from '../incidents/entities/duty-rule.entity';
import { ReportingDuty } from '../incidents/entities/reporting-duty.entity';
import { IncidentAssignment } from '../incidents/entities/incident-assignment.entity';
import { SensorState } from '../incidents/entities/sensor-state.entity';
import { DutyLogEntry } from '../duty-log/entities/duty-log-entry.entity';
import { ActiveResponse } from '../resources/entities/active-response.entity';
import { CoverageGap } from '../resources/entities/coverage-gap.entity';
import { ShelterProposal } from '../resources/entities/shelter-proposal.entity';
import { StockMovement } from '../resources/entities/stock-movement.entity';
import { ResponseRecord } from '../responses/entities/response.entity';
import { ResponseHistoryRecord } from '../responses/entities/response-history.entity';
import { ResponseSuggestionRecord } from '../responses/entities/response-suggestion.entity';
import { DispatchRecord } from '../dispatch/entities/dispatch.entity';
import { NotificationRecord } from '../dispatch/entities/notification.entity';
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
  Incident,
  IncidentReport,
  IncidentVersion,
  DutyRule,
  ReportingDuty,
  IncidentAssignment,
  SensorState,
  DutyLogEntry,
  StockMovement,
  ShelterProposal,
  ActiveResponse,
  CoverageGap,
  ResponseRecord,
  ResponseHistoryRecord,
  ResponseSuggestionRecord,
  DispatchRecord,
  NotificationRecord,
  CapMessage,
  Warning,
  ResponseRule,
  ResponseSuggestionRow,
  PullFeed,
  PullEntry,
  RevokedSession,
  RotaShift,
  RotaGapWarning,
  Instruction,
  InstructionAssignment,
  UpwardReport,
  ReportRecipient,
];
