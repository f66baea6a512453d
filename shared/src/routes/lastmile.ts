import {
  callRulesSchema,
  drillStartSchema,
  personInputSchema,
  personPatchSchema,
  personsQuerySchema,
  type CallBoardDto,
  type CallRuleDto,
  type DeliveryHealthDto,
  type DrillDto,
  type DrillReportDto,
  type MemberUnitDto,
  type PersonDto,
  type PersonsPage,
} from '../lastmile';
import { del, get, patch, post, put, shape } from './route';

/** The roster of 三防 responsible persons (admins edit; the console reads). */
export const rosterRoutes = {
  units: get('member-units', { response: shape<MemberUnitDto[]>() }),
  list: get('persons', { query: personsQuerySchema, response: shape<PersonsPage>() }),
  create: post('persons', { body: personInputSchema, response: shape<PersonDto>() }),
  update: patch('persons/:id', { body: personPatchSchema, response: shape<PersonDto>() }),
  remove: del('persons/:id', { response: shape<PersonDto>() }),
  rules: get('call-rules', { response: shape<CallRuleDto[]>() }),
  setRules: put('call-rules', { body: callRulesSchema, response: shape<CallRuleDto[]>() }),
};

/** 叫应 boards, delivery health and reachability drills. */
export const callsRoutes = {
  board: get('warnings/:id/calls', { response: shape<CallBoardDto>() }),
  health: get('delivery-health', { response: shape<DeliveryHealthDto>() }),
  drills: get('drills', { response: shape<DrillDto[]>() }),
  startDrill: post('drills', { body: drillStartSchema, response: shape<DrillDto>() }),
  drill: get('drills/:id', { response: shape<DrillReportDto>() }),
  drillBoard: get('drills/:id/calls', { response: shape<CallBoardDto>() }),
};
