import { describe, expect, it } from 'vitest';
import { isConnectionError, isUniqueViolation } from './errors.ts';

describe('isConnectionError', () => {
  it('recognises the ways pg reports an unreachable database', () => {
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('query failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }),
    ]) {
      expect(isConnectionError(error), error.message).toBe(true);
    }
  });

  it('leaves bad statements and constraint failures alone', () => {
    expect(isConnectionError(Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' }))).toBe(false);
    const duplicate = Object.assign(new Error('duplicate key value'), { code: '23505', constraint: 'orders_pkey' });
    expect(isConnectionError(duplicate)).toBe(false);
    expect(isUniqueViolation(duplicate, 'orders_pkey')).toBe(true);
    expect(isConnectionError(new Error('something else'))).toBe(false);
  });
});
