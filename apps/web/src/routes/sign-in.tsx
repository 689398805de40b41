import { Link, getRouteApi } from '@tanstack/react-router';
import { SignInForm } from '../features/auth/sign-in-form.tsx';
import { sessionEndMessages } from '../features/auth/session-end-search.ts';

const route = getRouteApi('/sign-in');

export function SignInPage() {
  const { ended } = route.useSearch();
  return (
    <main id="main" className="auth-page">
      <h1>Sign in</h1>
      {ended && (
        <p role="status" className="notice">
          {sessionEndMessages[ended]}
        </p>
      )}
      <SignInForm />
      <p>
        New here? <Link to="/sign-up">Create an account</Link>
      </p>
    </main>
  );
}
