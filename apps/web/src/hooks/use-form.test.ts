import { loginBodySchema } from '@inkwell/protocol';
import { describe, expect, it } from 'vitest';
import { validateForm } from '../lib/form-errors.ts';
import { formReducer, initialFormState } from './use-form.ts';

const FIELDS = ['email', 'password'] as const;
const reduce = formReducer<(typeof FIELDS)[number]>((values) => {
  const result = validateForm(loginBodySchema, values, FIELDS);
  return result.ok ? {} : result.errors;
});
const empty = initialFormState({ email: '', password: '' });
const REQUIRED = { email: 'Enter your e-mail', password: 'Enter your password' };

describe('formReducer', () => {
  it('shows no errors while typing before the first submit', () => {
    const state = reduce(empty, { type: 'change', field: 'email', value: 'ana@' });
    expect(state).toEqual({ values: { email: 'ana@', password: '' }, errors: {}, submitted: false, succeeded: false });
  });

  it('after a refused submit, the errors follow the typing', () => {
    const refused = reduce(empty, { type: 'submit', errors: REQUIRED });
    expect(refused.errors).toEqual(REQUIRED);
    const typed = reduce(refused, { type: 'change', field: 'email', value: 'ana@example.com' });
    expect(typed.errors).toEqual({ password: 'Enter your password' });
  });

  it("keeps the server's errors until the next change", () => {
    const filled = { ...empty, values: { email: 'ana@example.com', password: 'wrong' } };
    const sent = reduce(filled, { type: 'submit', errors: {} });
    const failed = reduce(sent, { type: 'fail', errors: { form: 'Wrong e-mail or password' } });
    expect(failed.errors).toEqual({ form: 'Wrong e-mail or password' });
    const typed = reduce(failed, { type: 'change', field: 'password', value: 'wrong again' });
    expect(typed.errors).toEqual({});
  });

  it('a save starts over: success shown, reset values, errors wait for the next submit', () => {
    const sent = reduce({ ...empty, values: { email: 'ana@example.com', password: 'secret' } }, { type: 'submit', errors: {} });
    const saved = reduce(reduce(sent, { type: 'succeed' }), { type: 'reset', values: empty.values });
    expect(saved).toEqual({ values: empty.values, errors: {}, submitted: false, succeeded: true });
    const typed = reduce(saved, { type: 'change', field: 'email', value: 'x' });
    expect(typed).toMatchObject({ errors: {}, succeeded: false });
  });

  it('a new submit hides the last success', () => {
    const saved = reduce(empty, { type: 'succeed' });
    expect(reduce(saved, { type: 'submit', errors: REQUIRED }).succeeded).toBe(false);
  });
});
