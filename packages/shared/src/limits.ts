/** Limits used by both the server's validation and the UI's forms. */
export const LIMITS = {
  usernameMax: 64,
  passwordMin: 8,
  passwordMax: 128,
  nameMax: 100,
  subjectMax: 200,
  descriptionMax: 20_000,
  noteMax: 20_000,
  tagMax: 32,
  tagsPerTicket: 20,
  phonesPerCustomer: 10,
  phoneMax: 40,
  addressMax: 300,
  pageSizeMax: 200,
  pageSizeDefault: 20,
  searchQueryMax: 200,
  attachmentBytesMax: 20 * 1024 * 1024,
  /** JSON request bodies (attachments go through multipart and attachmentBytesMax). */
  jsonBodyBytesMax: 1024 * 1024,
  bulkMax: 500,
  customFieldsMax: 50,
  customFieldValueMax: 2000,
} as const;

export const SESSION_TTL_HOURS = 12;
