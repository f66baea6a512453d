/** Every error the API returns has this shape; `code` is stable and documented. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  path?: string;
}

export const ERROR_CODES = {
  VALIDATION_FAILED: 'The request body or query does not match the contract',
  AUTH_INVALID_CREDENTIALS: 'Wrong username or password',
  AUTH_TOKEN_MISSING: 'No bearer token was sent',
  AUTH_TOKEN_INVALID: 'The bearer token is malformed, forged or expired',
  AUTH_FORBIDDEN: 'The signed-in role may not do this',
  RATE_LIMITED: 'Too many requests; try again later',
  NOT_FOUND: 'No such resource',
  CONFLICT: 'The request conflicts with the current state',
  PAYLOAD_TOO_LARGE: 'The request body is larger than allowed',
  UNSUPPORTED_MEDIA_TYPE: 'The content type is not accepted here',
  SERVICE_UNAVAILABLE: 'A dependency (database) is unavailable',
  INTERNAL: 'Unexpected server error',
  IMPORT_INVALID_FILE: 'The import file cannot be read',
  IMPORT_INVALID_ROWS: 'Rows of the import file are invalid; nothing was loaded',
  INCIDENT_VERSION_CONFLICT: 'The incident changed since you read it; reload and retry',
  INCIDENT_STATUS_INVALID: 'The incident cannot move to that status from its current one',
  INCIDENT_NO_LOCATION: 'The incident has no map position',
  TEAM_NOT_AVAILABLE: 'The rescue team is not available (already assigned or retired)',
  DUTY_ALREADY_DONE: 'The reporting duty is already done or superseded',
  UNKNOWN_POINT: 'No such waterlogging point',
  SHELTER_NOT_OPEN: 'The shelter is closed; open it before recording occupancy',
  SHELTER_OVER_CAPACITY: 'The occupancy would exceed capacity; send override with a reason',
  SHELTER_LINK_INVALID: 'The shelter manager link is invalid, revoked or expired',
  TEAM_INVALID_TRANSITION: 'The team cannot move from its current status to that one',
  STOCK_INSUFFICIENT: 'Not enough stock to issue that quantity',
  RESPONSE_ENDED: 'The response has ended and can no longer change',
  ACK_TOKEN_INVALID: 'The acknowledgement link is malformed or forged',
  ACK_TOKEN_EXPIRED: 'The call-out behind this link has been closed (stood down)',
  ACK_WRONG_CONTACT: 'This call-out belongs to another contact',
  SMS_CODE_UNKNOWN: 'No open call-out has this code',
  SMS_UNPARSEABLE: 'The SMS reply is not "<code> A" or "<code> D"',
  CAP_DTD_FORBIDDEN: 'CAP never needs a DTD: <!DOCTYPE and <!ENTITY are refused',
  CAP_XML_LIMIT: 'The XML exceeds a structural limit (depth, element count, references)',
  CAP_INVALID_XML: 'The body is not well-formed XML',
  CAP_NAMESPACE: 'The root must be <alert> in urn:oasis:names:tc:emergency:cap:1.2',
  CAP_MISSING_ELEMENT: 'A required CAP element is missing',
  CAP_ELEMENT_ORDER: 'CAP elements are out of their xs:sequence order or repeated',
  CAP_UNKNOWN_ELEMENT: 'An element CAP 1.2 does not define here',
  CAP_INVALID_VALUE: 'A CAP element has a value outside its type or enumeration',
  CAP_INVALID_REFERENCE: 'A reference is malformed, circular or post-dated',
  CAP_INVALID_GEOMETRY: 'A polygon or circle breaks CAP rules (lat,lon order, closure, range)',
  CAP_UNKNOWN_ENCODING: 'The CAP body names a character encoding the console does not read',
  CAP_INVALID_ENCODING: 'The CAP body has bytes that are invalid in its declared encoding',
  CAP_SIGNATURE_MISSING: 'This feed requires signed CAP messages and the message is not signed',
  CAP_SIGNATURE_INVALID: 'The XML signature does not verify against a trusted certificate',
  USER_EXISTS: 'A user with this username exists (deleted users keep their name)',
  USER_SELF_LOCKOUT:
    'An administrator cannot disable, delete or change the role of their own account',
  USER_CONTACT_ROLE: "A contact's account follows the contact data; its role cannot change",
  ACK_LINK_TOO_OLD: 'The acknowledgement link is older than links may be',
  FEED_FETCH_FAILED: 'A pull feed or CAP link could not be fetched',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
