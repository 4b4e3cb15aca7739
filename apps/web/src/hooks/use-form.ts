// The app's forms (sign-in, sign-up, settings): values, errors shown inline, and submission
// through a react-query mutation. Errors appear on the first submit and from then on follow
// the typing; the server's stay until the person changes something. A submit that finds an
// error moves the focus to the first field that has one. A save starts the form over: errors
// wait for the next submit again.
import type { UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, useReducer, useRef } from 'react';
import type { z } from 'zod';
import { type FormErrors, serverFormErrors, validateForm } from '../lib/form-errors.ts';

type Values<F extends string> = Record<F, string>;

export interface FormState<F extends string> {
  values: Values<F>;
  errors: FormErrors<F>;
  /** Since the first submit (or the last save) the errors follow the typing. */
  submitted: boolean;
  /** The last submit was saved and nothing changed since. */
  succeeded: boolean;
}

type FormAction<F extends string> =
  | { type: 'change'; field: F; value: string }
  // What the page found before sending: no errors means the values went to the server.
  | { type: 'submit'; errors: FormErrors<F> }
  | { type: 'fail'; errors: FormErrors<F> }
  | { type: 'succeed' }
  | { type: 'reset'; values: Values<F> };

export function initialFormState<F extends string>(values: Values<F>): FormState<F> {
  return { values, errors: {}, submitted: false, succeeded: false };
}

/** The form's rules, without React or the DOM; `validate` gives the errors of some values. */
export function formReducer<F extends string>(validate: (values: Values<F>) => FormErrors<F>) {
  return (state: FormState<F>, action: FormAction<F>): FormState<F> => {
    switch (action.type) {
      case 'change': {
        const values = { ...state.values, [action.field]: action.value };
        return { ...state, values, errors: state.submitted ? validate(values) : {}, succeeded: false };
      }
      case 'submit':
        return { ...state, errors: action.errors, submitted: true, succeeded: false };
      case 'fail':
        return { ...state, errors: action.errors };
      case 'succeed':
        return { ...state, errors: {}, submitted: false, succeeded: true };
      case 'reset':
        // Keeps `succeeded`: a save may reset the fields, and its confirmation stays.
        return { ...state, values: action.values, errors: {}, submitted: false };
      default:
        return action satisfies never;
    }
  };
}

/** A schema over string fields: its input names the form's fields, its output is what is sent. */
type FormSchema = z.ZodType<unknown, Record<string, string>>;
type FieldOf<S extends FormSchema> = keyof z.input<S> & string;

interface FormOptions<S extends FormSchema, R> {
  schema: S;
  /** Every field of the schema with its first value. The page shows the fields in this order. */
  initialValues: z.input<S>;
  mutation: UseMutationResult<R, Error, z.output<S>>;
  /** Where expected server errors go and what they say. */
  byCode?: Parameters<typeof serverFormErrors<FieldOf<S>>>[2];
  /** After a save; `reset` starts the fields over (from `initialValues` by default). */
  onSuccess?: (result: R, form: { reset: (values?: z.input<S>) => void }) => void;
}

/** What a TextField needs to show and edit one field. */
interface FieldProps {
  value: string;
  onValueChange: (value: string) => void;
  error: string | undefined;
  inputRef: (element: HTMLInputElement | null) => void;
}

export interface Form<F extends string> {
  values: Values<F>;
  /** Props that wire a TextField to one field: `<TextField label="Name" {...form.field('name')} />`. */
  field: (name: F) => FieldProps;
  /** A problem that belongs to no single field (wrong credentials, offline…). */
  formError: string | undefined;
  /** The last submit was saved and nothing changed since (for a confirmation). */
  succeeded: boolean;
  pending: boolean;
  submit: (event: FormEvent<HTMLFormElement>) => void;
}

export function useForm<S extends FormSchema, R>({
  schema,
  initialValues,
  mutation,
  byCode,
  onSuccess,
}: FormOptions<S, R>): Form<FieldOf<S>> {
  type F = FieldOf<S>;
  // Object.keys keeps the literal's order: the first invalid field in it takes the focus.
  const fields = Object.keys(initialValues) as F[];
  const validate = (values: Values<F>) => {
    const result = validateForm(schema, values, fields);
    return result.ok ? {} : result.errors;
  };
  const [state, dispatch] = useReducer(formReducer<F>(validate), initialValues, initialFormState<F>);
  const inputs = useRef(new Map<F, HTMLInputElement>());

  const focusFirstError = (errors: FormErrors<F>) => {
    const first = fields.find((name) => errors[name]);
    if (first) inputs.current.get(first)?.focus();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const result = validateForm(schema, state.values, fields);
    dispatch({ type: 'submit', errors: result.ok ? {} : result.errors });
    if (!result.ok) {
      focusFirstError(result.errors);
      return;
    }
    mutation.mutate(result.data, {
      onSuccess: (data) => {
        dispatch({ type: 'succeed' });
        onSuccess?.(data, { reset: (values = initialValues) => dispatch({ type: 'reset', values }) });
      },
      onError: (error) => {
        const errors = serverFormErrors(error, fields, byCode);
        dispatch({ type: 'fail', errors });
        focusFirstError(errors);
      },
    });
  };

  const field = (name: F): FieldProps => ({
    value: state.values[name],
    onValueChange: (value) => dispatch({ type: 'change', field: name, value }),
    error: state.errors[name],
    inputRef: (element) => {
      if (element) inputs.current.set(name, element);
      else inputs.current.delete(name);
    },
  });

  return {
    values: state.values,
    field,
    formError: state.errors.form,
    succeeded: state.succeeded,
    pending: mutation.isPending,
    submit,
  };
}
