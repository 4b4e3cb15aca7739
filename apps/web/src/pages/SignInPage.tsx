import { loginBodySchema, Pages } from '@inkwell/protocol';
import { AuthCard } from '../components/AuthCard.tsx';
import { Link } from '../components/Link.tsx';
import { TextField } from '../components/TextField.tsx';
import { useSignIn } from '../hooks/use-auth.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useForm } from '../hooks/use-form.ts';
import { navigate } from '../lib/navigation.ts';
import { authPagePath } from '../lib/next-path.ts';

export function SignInPage({ next }: { next: string }) {
  useDocumentTitle('Sign in');
  const form = useForm({
    initialValues: { email: '', password: '' },
    schema: loginBodySchema,
    mutation: useSignIn(),
    // Said of both fields at once: the server does not tell which one was wrong, on purpose.
    byCode: { INVALID_CREDENTIALS: { field: 'form', message: 'Wrong e-mail or password' } },
    onSuccess: () => navigate(next, { replace: true }),
  });

  return (
    <AuthCard
      title="Sign in to Inkwell"
      subtitle="Welcome back. Your documents are waiting."
      form={form}
      action="Sign in"
      footer={
        <>
          No account yet? <Link to={authPagePath(Pages.signUp, next)}>Create one</Link>
        </>
      }
    >
      <TextField label="E-mail" type="email" autoComplete="email" autoFocus {...form.field('email')} />
      <TextField label="Password" type="password" autoComplete="current-password" {...form.field('password')} />
    </AuthCard>
  );
}
