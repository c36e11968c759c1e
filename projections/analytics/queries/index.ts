// Public surface of the analytics queries.
export * from './analyticsQueries.js';
export { createMemoryAnalytics, type MemoryAnalyticsData } from './memoryAnalytics.js';
export { createPostgresAnalytics, type PostgresAnalyticsOptions } from './postgresAnalytics.js';
export { analyticsConnectionString, createAnalyticsPool, type AnalyticsDatabase } from './analyticsPool.js';
export { createAnalyticsMetrics } from './analyticsMetrics.js';
export { createPostgresModerationQueries, type FeedbackEntry, type ModerationPage, type ModerationQueries, type ReportEntry } from './moderationQueries.js';
