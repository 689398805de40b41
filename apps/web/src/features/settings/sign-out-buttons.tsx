import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc.ts';
import { FormError } from '../ui/form-error.tsx';

/** Sign out here, or end every login of this user on every device. */
export function SignOutButtons() {
  const trpc = useTRPC();
  const logout = useMutation(trpc.auth.logout.mutationOptions());
  const logoutAll = useMutation(trpc.auth.logoutAll.mutationOptions());
  return (
    <div>
      <div className="actions">
        <button type="button" onClick={() => logout.mutate({})} disabled={logout.isPending}>
          Sign out
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => logoutAll.mutate()}
          disabled={logoutAll.isPending}
        >
          Log out everywhere
        </button>
      </div>
      <FormError error={logout.error ?? logoutAll.error} />
    </div>
  );
}
