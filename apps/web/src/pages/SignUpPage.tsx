import { PASSWORD_MIN_LENGTH, Pages, registerBodySchema } from '@inkwell/protocol';
import { AuthCard } from '../components/AuthCard.tsx';
import { Link } from '../components/Link.tsx';
import { TextField } from '../components/TextField.tsx';
import { useSignUp } from '../hooks/use-auth.ts';
import { useAuthForm } from '../hooks/use-auth-form.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { authPagePath } from '../lib/next-path.ts';

const FIELDS = ['name', 'email', 'password'] as const;

export function SignUpPage({ next }: { next: string }) {
  useDocumentTitle('Create an account');
  const form = useAuthForm({
    fields: FIELDS,
    schema: registerBodySchema,
    mutation: useSignUp(),
    byCode: { EMAIL_TAKEN: { field: 'email', message: 'An account with this e-mail already exists' } },
  });

  return (
    <AuthCard
      title="Create your account"
      subtitle="Write together in real time. Others see this name next to your cursor."
      footer={
        <>
          Already have an account? <Link to={authPagePath(Pages.signIn, next)}>Sign in</Link>
        </>
      }
    >
      <form className="auth__form" onSubmit={form.submit} noValidate aria-label="Create account">
        <TextField label="Name" autoComplete="name" autoFocus {...form.field('name')} />
        <TextField label="E-mail" type="email" autoComplete="email" {...form.field('email')} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters`}
          {...form.field('password')}
        />
        {form.formError && (
          <p className="notice notice--error auth__error" role="alert" data-testid="form-error">
            {form.formError}
          </p>
        )}
        <button
          type="submit"
          className="button button--primary button--block"
          disabled={form.pending}
          aria-busy={form.pending || undefined}
        >
          Create account
        </button>
      </form>
    </AuthCard>
  );
}
