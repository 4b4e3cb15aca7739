import { registerBodySchema } from '@inkwell/protocol';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { serverFormErrors, validateForm } from './form-errors.ts';

const FIELDS = ['name', 'email', 'password'] as const;

describe('validateForm', () => {
  it('gives the first message of each field', () => {
    const result = validateForm(registerBodySchema, { name: ' ', email: 'nope', password: 'short' }, FIELDS);
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'Enter your name',
        email: 'Enter a valid e-mail address',
        password: 'Password must be at least 8 characters',
      },
    });
  });

  it('returns the parsed body when everything is valid', () => {
    const result = validateForm(registerBodySchema, { name: ' Ana ', email: 'ana@example.com', password: 'long enough' }, FIELDS);
    expect(result).toEqual({ ok: true, data: { name: 'Ana', email: 'ana@example.com', password: 'long enough' } });
  });
});

describe('serverFormErrors', () => {
  it('puts a 400 on the field its message names', () => {
    const error = new ApiError(400, 'BAD_REQUEST', 'password: Password must be at least 8 characters');
    expect(serverFormErrors(error, FIELDS)).toEqual({ password: 'Password must be at least 8 characters' });
  });

  it('uses the fixed place and text for expected codes', () => {
    const error = new ApiError(409, 'EMAIL_TAKEN', 'taken');
    const byCode = { EMAIL_TAKEN: { field: 'email' as const, message: 'An account with this e-mail already exists' } };
    expect(serverFormErrors(error, FIELDS, byCode)).toEqual({ email: 'An account with this e-mail already exists' });
  });

  it('shows anything else, network failures included, for the whole form', () => {
    expect(serverFormErrors(new ApiError(429, 'RATE_LIMITED', 'Too many sign-in attempts'), FIELDS)).toEqual({
      form: 'Too many sign-in attempts',
    });
    expect(serverFormErrors(new ApiError(400, 'BAD_REQUEST', 'unknown: x'), FIELDS)).toEqual({ form: 'unknown: x' });
    expect(serverFormErrors(new TypeError('Failed to fetch'), FIELDS)).toEqual({ form: 'Failed to fetch' });
  });
});
