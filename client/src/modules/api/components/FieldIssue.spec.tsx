/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import { mountEachTest } from '../../../test/mountEachTest';
import { SERVER_ERROR } from '../utils/fieldErrors';
import { FieldIssue } from './FieldIssue';
import { FormField } from './FormField';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe(FieldIssue.name, () => {
  const view = mountEachTest();
  const text = (testId: string) =>
    view.container.querySelector(`[data-testid=${testId}]`)?.textContent;

  it('says a zod issue in the console words by its kind, any other kind as invalid', () => {
    act(() =>
      view.root.render(
        <>
          <FieldIssue id="a" error={{ type: 'too_small', message: 'String must contain…' }} />
          <FieldIssue id="b" error={{ type: 'unrecognized_keys' }} />
          <FieldIssue id="c" error={undefined} />
        </>,
      ),
    );
    expect(text('field-error-a')).toBe('必填，或数值/长度太小');
    expect(text('field-error-b')).toBe('无效');
    expect(view.container.querySelector('[data-testid=field-error-c]')).toBeNull();
  });

  it('says a server refusal at its field by its code, with the server detail', () => {
    act(() =>
      view.root.render(
        <FormField
          label="人数"
          error={{ type: `${SERVER_ERROR}VALIDATION_FAILED`, message: 'too many' }}
        >
          <input />
        </FormField>,
      ),
    );
    const input = view.container.querySelector('input');
    const error = view.container.querySelector('[data-testid=field-error]');
    expect(error?.textContent).toMatch(/（too many）$/);
    expect(error?.textContent).not.toMatch(/VALIDATION_FAILED/);
    expect(input?.getAttribute('aria-describedby')).toBe(error?.id);
    expect(input?.getAttribute('aria-invalid')).toBe('true');
  });
});
