import {
  changeLevelSchema,
  decideSuggestionSchema,
  endResponseSchema,
  responsesQuerySchema,
  startResponseSchema,
  suggestionsQuerySchema,
  type ResponseDto,
  type SuggestionDto,
} from '../dispatch-api';
import { get, post, shape } from './route';

/** Emergency responses (levels) and the suggestions that propose them. */
export const responsesRoutes = {
  start: post('responses', { body: startResponseSchema, response: shape<ResponseDto>() }),
  list: get('responses', { query: responsesQuerySchema, response: shape<ResponseDto[]>() }),
  suggestionsList: get('responses/suggestions', {
    query: suggestionsQuerySchema,
    response: shape<SuggestionDto[]>(),
  }),
  accept: post('responses/suggestions/:id/accept', {
    status: 200,
    body: decideSuggestionSchema,
    response: shape<SuggestionDto>(),
  }),
  dismiss: post('responses/suggestions/:id/dismiss', {
    status: 200,
    body: decideSuggestionSchema,
    response: shape<SuggestionDto>(),
  }),
  level: post('responses/:id/level', {
    status: 200,
    body: changeLevelSchema,
    response: shape<ResponseDto>(),
  }),
  end: post('responses/:id/end', {
    status: 200,
    body: endResponseSchema,
    response: shape<ResponseDto>(),
  }),
};
