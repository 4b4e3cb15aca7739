import type { User } from '@inkwell/protocol';
import type { UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import type { z } from 'zod';
import { type FormErrors, serverFormErrors, validateForm } from '../lib/form-errors.ts';
import { getSearch, navigate } from '../lib/navigation.ts';
import { nextFromSearch } from '../lib/next-path.ts';

interface AuthFormOptions<F extends string, S extends z.ZodType> {
  fields: readonly F[];
  schema: S;
  mutation: UseMutationResult<User, Error, z.output<S>>;
  /** Where expected server errors go and what they say. */
  byCode?: Parameters<typeof serverFormErrors<F>>[2];
}

/**
 * State of the sign-in and sign-up forms: values, errors shown inline, submission. Errors
 * appear on the first submit, then follow the typing; the server's are shown until the
 * person changes something.
 */
export function useAuthForm<F extends string, S extends z.ZodType>({ fields, schema, mutation, byCode }: AuthFormOptions<F, S>) {
  const [values, setValues] = useState(() => Object.fromEntries(fields.map((f) => [f, ''])) as Record<F, string>);
  const [errors, setErrors] = useState<FormErrors<F>>({});
  const [submitted, setSubmitted] = useState(false);
  const inputs = useRef(new Map<F, HTMLInputElement>());

  const focusFirstError = (found: FormErrors<F>) => {
    const field = fields.find((name) => found[name]);
    if (field) inputs.current.get(field)?.focus();
  };

  const setValue = (field: F, value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    if (submitted) {
      const result = validateForm(schema, next, fields);
      setErrors(result.ok ? {} : result.errors);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setSubmitted(true);
    const result = validateForm(schema, values, fields);
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstError(result.errors);
      return;
    }
    setErrors({});
    mutation.mutate(result.data, {
      onSuccess: () => navigate(nextFromSearch(getSearch()), { replace: true }),
      onError: (error) => {
        const found = serverFormErrors(error, fields, byCode);
        setErrors(found);
        focusFirstError(found);
      },
    });
  };

  /** Props that wire a TextField to one field. */
  const field = (name: F) => ({
    value: values[name],
    onValueChange: (value: string) => setValue(name, value),
    error: errors[name],
    inputRef: (element: HTMLInputElement | null) => {
      if (element) inputs.current.set(name, element);
      else inputs.current.delete(name);
    },
  });

  return { field, formError: errors.form, submit, pending: mutation.isPending };
}
