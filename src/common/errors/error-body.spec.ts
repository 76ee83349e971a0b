import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { toErrorResponse } from './error-body.js';

describe('toErrorResponse: the database out of reach is a 503, never a 500', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    [
      'a session terminated by a shutdown (57P01)',
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
    ],
    ['a server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a connection exception (08006)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a connection cut while in use', new Error('Connection terminated unexpectedly')],
    // TypeORM releases a query runner when its connection fails; the transaction's next statement says so.
    ['the next statement on a query runner released by that failure', new QueryRunnerAlreadyReleasedError()],
    ['a manager query on that released runner', new QueryRunnerProviderAlreadyReleasedError()],
  ])('%s', (_name, error) => {
    expect(toErrorResponse(error)).toMatchObject({ status: 503, body: { error: { code: 'DATABASE_UNAVAILABLE' } } });
  });

  it('keeps an unknown error a 500', () => {
    expect(toErrorResponse(new Error('boom')).status).toBe(500);
  });
});
