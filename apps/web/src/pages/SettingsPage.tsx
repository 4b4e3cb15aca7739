import { changePasswordBodySchema, PASSWORD_MIN_LENGTH, type User, updateMeBodySchema } from '@inkwell/protocol';
import { type FormEvent, useRef, useState } from 'react';
import { z } from 'zod';
import { TextField } from '../components/TextField.tsx';
import { useChangePassword, useRename } from '../hooks/use-account.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { type FormErrors, serverFormErrors, validateForm } from '../lib/form-errors.ts';
import '../styles/settings.css';

export function SettingsPage({ user }: { user: User }) {
  useDocumentTitle('Settings');
  return (
    <div className="page settings">
      <div className="page-header">
        <h1 className="page-title">Settings</h1>
      </div>
      <NameSection user={user} />
      <PasswordSection />
    </div>
  );
}

const NAME_FIELDS = ['name'] as const;

function NameSection({ user }: { user: User }) {
  const rename = useRename();
  const [name, setName] = useState(user.name);
  const [errors, setErrors] = useState<FormErrors<'name'>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const unchanged = name.trim() === user.name;

  const change = (value: string) => {
    setName(value);
    setSaved(null);
    // Once an error shows, it follows the typing (and goes as soon as the name is fine).
    if (errors.name || errors.form) {
      const result = validateForm(updateMeBodySchema, { name: value }, NAME_FIELDS);
      setErrors(result.ok ? {} : result.errors);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (rename.isPending) return;
    const result = validateForm(updateMeBodySchema, { name }, NAME_FIELDS);
    if (!result.ok) {
      setErrors(result.errors);
      input.current?.focus();
      return;
    }
    setErrors({});
    rename.mutate(result.data, {
      onSuccess: (updated) => {
        setName(updated.name);
        setSaved(`Saved. People now see you as “${updated.name}”.`);
      },
      onError: (error) => {
        setErrors(serverFormErrors(error, NAME_FIELDS));
        input.current?.focus();
      },
    });
  };

  return (
    <section className="settings__section" aria-labelledby="settings-name">
      <h2 id="settings-name" className="settings__heading">
        Your name
      </h2>
      <p className="settings__text">Shown next to your cursor, in comments, mentions and on shared documents.</p>
      <form className="settings__form" onSubmit={submit} noValidate aria-label="Change your name">
        <TextField label="Name" autoComplete="name" value={name} onValueChange={change} error={errors.name} inputRef={input} />
        <SubmitRow pending={rename.isPending} disabled={unchanged} label="Save name" pendingLabel="Saving…" />
        <FormOutcome error={errors.form} success={saved} />
      </form>
    </section>
  );
}

const PASSWORD_FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;
type PasswordField = (typeof PASSWORD_FIELDS)[number];
type PasswordValues = Record<PasswordField, string>;
const EMPTY_PASSWORDS: PasswordValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

// The server's rules plus the repeat, which only the page can check.
const passwordFormSchema = z
  .object({ currentPassword: z.string(), newPassword: z.string(), confirmPassword: z.string() })
  .superRefine((values, ctx) => {
    const parsed = changePasswordBodySchema.safeParse({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    if (!parsed.success)
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    if (values.confirmPassword !== values.newPassword) {
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The two new passwords differ' });
    }
  });

function PasswordSection() {
  const change = useChangePassword();
  const [values, setValues] = useState<PasswordValues>(EMPTY_PASSWORDS);
  const [errors, setErrors] = useState<FormErrors<PasswordField>>({});
  const [submitted, setSubmitted] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const inputs = useRef(new Map<PasswordField, HTMLInputElement>());

  const focusFirst = (found: FormErrors<PasswordField>) => {
    const field = PASSWORD_FIELDS.find((name) => found[name]);
    if (field) inputs.current.get(field)?.focus();
  };

  const setValue = (field: PasswordField, value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    setSaved(null);
    if (submitted) {
      const result = validateForm(passwordFormSchema, next, PASSWORD_FIELDS);
      setErrors(result.ok ? {} : result.errors);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (change.isPending) return;
    setSubmitted(true);
    const result = validateForm(passwordFormSchema, values, PASSWORD_FIELDS);
    if (!result.ok) {
      setErrors(result.errors);
      focusFirst(result.errors);
      return;
    }
    setErrors({});
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          setValues(EMPTY_PASSWORDS);
          setSubmitted(false);
          setSaved('Password changed. You were signed out on every other device and browser.');
        },
        onError: (error) => {
          const found = serverFormErrors(error, PASSWORD_FIELDS, {
            FORBIDDEN: { field: 'currentPassword', message: 'That is not your current password' },
          });
          setErrors(found);
          focusFirst(found);
        },
      },
    );
  };

  const field = (name: PasswordField) => ({
    value: values[name],
    onValueChange: (value: string) => setValue(name, value),
    error: errors[name],
    inputRef: (element: HTMLInputElement | null) => {
      if (element) inputs.current.set(name, element);
      else inputs.current.delete(name);
    },
  });

  return (
    <section className="settings__section" aria-labelledby="settings-password">
      <h2 id="settings-password" className="settings__heading">
        Password
      </h2>
      <p className="settings__text">Changing it signs you out everywhere else; this browser stays signed in.</p>
      <form className="settings__form" onSubmit={submit} noValidate aria-label="Change your password">
        <TextField label="Current password" type="password" autoComplete="current-password" {...field('currentPassword')} />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters`}
          {...field('newPassword')}
        />
        <TextField label="Repeat the new password" type="password" autoComplete="new-password" {...field('confirmPassword')} />
        <SubmitRow pending={change.isPending} label="Change password" pendingLabel="Changing…" />
        <FormOutcome error={errors.form} success={saved} />
      </form>
    </section>
  );
}

function SubmitRow({
  pending,
  disabled = false,
  label,
  pendingLabel,
}: {
  pending: boolean;
  disabled?: boolean;
  label: string;
  pendingLabel: string;
}) {
  return (
    <div className="settings__actions">
      <button type="submit" className="button button--primary" disabled={pending || disabled} aria-busy={pending || undefined}>
        {pending ? pendingLabel : label}
      </button>
    </div>
  );
}

/** The form's result: a server error that belongs to no field, or what the save did. */
function FormOutcome({ error, success }: { error: string | undefined; success: string | null }) {
  if (error) {
    return (
      <p className="notice notice--error settings__outcome" role="alert">
        {error}
      </p>
    );
  }
  return (
    <p className="settings__success" role="status" data-testid="settings-saved">
      {success}
    </p>
  );
}
