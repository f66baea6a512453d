import { ApiRequestError } from '../apiRequestError';
import { applyServerError, fieldOfPath, SERVER_ERROR } from './fieldErrors';

describe('server errors at their fields', () => {
  it('names the form field of a body or query path', () => {
    expect(fieldOfPath('body.reason')).toBe('reason');
    expect(fieldOfPath('body.items.0.sku')).toBe('items.0.sku');
    expect(fieldOfPath('query.limit')).toBe('limit');
    expect(fieldOfPath('body')).toBeUndefined();
    expect(fieldOfPath(undefined)).toBeUndefined();
  });

  it('puts {code, message, path} at the named field, through an alias where the form renames it', () => {
    const setError = jest.fn();
    const e = new ApiRequestError(409, 'SHELTER_OVER_CAPACITY', 'would be 301', 'body.occupancy');
    expect(applyServerError(e, setError, ['value', 'reason'], { occupancy: 'value' })).toBe(true);
    expect(setError).toHaveBeenCalledWith('value', {
      type: `${SERVER_ERROR}SHELTER_OVER_CAPACITY`,
      message: 'would be 301',
    });
  });

  it('leaves an error without a known field to the form', () => {
    const setError = jest.fn();
    expect(applyServerError(new ApiRequestError(404, 'NOT_FOUND', 'x'), setError, ['a'])).toBe(
      false,
    );
    expect(
      applyServerError(new ApiRequestError(400, 'VALIDATION_FAILED', 'x', 'body.b'), setError, [
        'a',
      ]),
    ).toBe(false);
    expect(applyServerError(new Error('network'), setError, ['a'])).toBe(false);
    expect(setError).not.toHaveBeenCalled();
  });
});
