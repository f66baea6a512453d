import { isDbUnavailable } from './api-exception.filter';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe(isDbUnavailable.name, () => {
  it.each([
    ['refused connection', pgError('ECONNREFUSED')],
    ['reset connection', pgError('ECONNRESET')],
    ['broken pipe', pgError('EPIPE')],
    ['connection exception class 08', pgError('08006')],
    ['admin shutdown', pgError('57P01', 'terminating connection due to administrator command')],
    ['shutting down', pgError('57P03', 'the database system is shutting down')],
    ['too many connections', pgError('53300')],
    ['terminated mid-query', new Error('Connection terminated unexpectedly')],
    [
      'errored client reused',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
  ])('%s → 503', (_, e) => expect(isDbUnavailable(e)).toBe(true));

  it.each([
    ['unique violation', pgError('23505')],
    ['check violation', pgError('23514')],
    ['a bug', new TypeError('x is undefined')],
    ['not an error', 'down'],
  ])('%s → not 503', (_, e) => expect(isDbUnavailable(e)).toBe(false));
});
