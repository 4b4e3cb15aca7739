import { type ChangePasswordBody, changePasswordBodySchema, PASSWORD_MIN_LENGTH, type User, updateMeBodySchema } from '@inkwell/protocol';
import { z } from 'zod';
import { TextField } from '../components/TextField.tsx';
import { useChangePassword, useRename } from '../hooks/use-account.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useForm } from '../hooks/use-form.ts';
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

function NameSection({ user }: { user: User }) {
  const form = useForm({
    initialValues: { name: user.name },
    schema: updateMeBodySchema,
    mutation: useRename(),
    // The field shows the name as saved (trimmed by the server).
    onSuccess: (updated, { reset }) => reset({ name: updated.name }),
  });
  const unchanged = form.values.name.trim() === user.name;
  // While `succeeded`, nothing was typed since the save: the field holds the saved name.
  const saved = form.succeeded ? `Saved. People now see you as “${form.values.name}”.` : null;

  return (
    <section className="settings__section" aria-labelledby="settings-name">
      <h2 id="settings-name" className="settings__heading">
        Your name
      </h2>
      <p className="settings__text">Shown next to your cursor, in comments, mentions and on shared documents.</p>
      <form className="settings__form" onSubmit={form.submit} noValidate aria-label="Change your name">
        <TextField label="Name" autoComplete="name" {...form.field('name')} />
        <SubmitRow pending={form.pending} disabled={unchanged} label="Save name" pendingLabel="Saving…" />
        <FormOutcome error={form.formError} success={saved} />
      </form>
    </section>
  );
}

const EMPTY_PASSWORDS = { currentPassword: '', newPassword: '', confirmPassword: '' };

// The server's rules plus the repeat, which only the page can check; what is sent is the body
// without the repeat (the server's schema is strict).
const passwordFormSchema = z
  .object({ currentPassword: z.string(), newPassword: z.string(), confirmPassword: z.string() })
  .superRefine((values, ctx) => {
    const parsed = changePasswordBodySchema.safeParse({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    if (!parsed.success)
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    if (values.confirmPassword !== values.newPassword) {
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The two new passwords differ' });
    }
  })
  .transform(({ currentPassword, newPassword }): ChangePasswordBody => ({ currentPassword, newPassword }));

function PasswordSection() {
  const form = useForm({
    initialValues: EMPTY_PASSWORDS,
    schema: passwordFormSchema,
    mutation: useChangePassword(),
    byCode: { FORBIDDEN: { field: 'currentPassword', message: 'That is not your current password' } },
    onSuccess: (_, { reset }) => reset(),
  });

  return (
    <section className="settings__section" aria-labelledby="settings-password">
      <h2 id="settings-password" className="settings__heading">
        Password
      </h2>
      <p className="settings__text">Changing it signs you out everywhere else; this browser stays signed in.</p>
      <form className="settings__form" onSubmit={form.submit} noValidate aria-label="Change your password">
        <TextField label="Current password" type="password" autoComplete="current-password" {...form.field('currentPassword')} />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters`}
          {...form.field('newPassword')}
        />
        <TextField label="Repeat the new password" type="password" autoComplete="new-password" {...form.field('confirmPassword')} />
        <SubmitRow pending={form.pending} label="Change password" pendingLabel="Changing…" />
        <FormOutcome
          error={form.formError}
          success={form.succeeded ? 'Password changed. You were signed out on every other device and browser.' : null}
        />
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
