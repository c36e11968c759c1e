import { describe, expect, it } from 'vitest';
import { analyticsConnectionString, createAnalyticsPool } from '../../../projections/analytics/queries/index.js';

describe('analytics pool', () => {
  it('reads from DATABASE_READ_URL when set, else DATABASE_URL', () => {
    expect(analyticsConnectionString({ databaseUrl: 'postgres://primary/db', databaseReadUrl: 'postgres://replica/db' })).toBe('postgres://replica/db');
    expect(analyticsConnectionString({ databaseUrl: 'postgres://primary/db', databaseReadUrl: undefined })).toBe('postgres://primary/db');
    expect(analyticsConnectionString({ databaseUrl: undefined, databaseReadUrl: undefined })).toBeUndefined();
    expect(() => createAnalyticsPool({ databaseUrl: undefined, databaseReadUrl: undefined })).toThrow(/DATABASE_READ_URL/);
  });
});
