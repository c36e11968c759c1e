// JSON schemas of the analytics API: fastify validates queries against them and serialises responses through them
// (fields not listed never leave the process). Wire names are snake_case.
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

const count = { type: 'integer', minimum: 0 } as const;

export const languagePairSchema = {
  type: 'object',
  required: ['learning_language', 'native_language', 'demand', 'supply'],
  properties: {
    learning_language: { type: 'string', description: 'The language being learned (ISO 639-1)' },
    native_language: { type: 'string', description: 'The learners’ native language' },
    demand: { ...count, description: 'Active users who learn learning_language and speak native_language natively' },
    supply: { ...count, description: 'Active users native in learning_language who learn native_language' },
  },
} as const;

export const statsResponseSchema = {
  type: 'object',
  required: [
    'users_total', 'users_active_24h', 'users_active_7d', 'new_users_today', 'profiles_completed', 'requests_today',
    'matches_today', 'matches_total', 'match_acceptance_rate', 'top_language_pairs', 'generated_at',
  ],
  properties: {
    users_total: { ...count, description: 'Everyone who ever started the bot and has not been forgotten' },
    users_active_24h: count,
    users_active_7d: count,
    new_users_today: { ...count, description: 'First /start during the current UTC day' },
    profiles_completed: count,
    requests_today: count,
    matches_today: { ...count, description: 'Tandems started during the current UTC day' },
    matches_total: count,
    match_acceptance_rate: { type: ['number', 'null'], minimum: 0, maximum: 1, description: 'Tandems started / partner requests no longer pending' },
    top_language_pairs: { type: 'array', items: languagePairSchema },
    generated_at: { type: 'string', format: 'date-time' },
  },
} as const;

export const dailyQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', pattern: DATE_PATTERN, description: 'First UTC day (YYYY-MM-DD), default 29 days before `to`' },
    to: { type: 'string', pattern: DATE_PATTERN, description: 'Last UTC day (YYYY-MM-DD), default today' },
  },
} as const;

export const dailyResponseSchema = {
  type: 'object',
  required: ['from', 'to', 'days'],
  properties: {
    from: { type: 'string' },
    to: { type: 'string' },
    days: {
      type: 'array',
      items: {
        type: 'object',
        required: ['day', 'new_users', 'completed_profiles', 'requests', 'matches', 'active_users'],
        properties: {
          day: { type: 'string' },
          new_users: count,
          completed_profiles: count,
          requests: count,
          matches: count,
          active_users: count,
        },
      },
    },
  },
} as const;

export const languagePairsResponseSchema = {
  type: 'object',
  required: ['pairs'],
  properties: { pairs: { type: 'array', items: languagePairSchema } },
} as const;

export const errorSchema = {
  type: 'object',
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
} as const;
