import type { AdminUser } from '@budget/api/admin';

/** `someone@example.com (id …)`, for messages about one user. */
export function describeUser(user: Pick<AdminUser, 'email' | 'id'>): string {
  return `user ${user.email} (id ${user.id})`;
}

export function generatedPasswordLine(password: string): string {
  return `Generated password (shown only this once): ${password}\n`;
}

const statusWidth = 'disabled'.length;

/** One fixed-width line per user, so a long list can be printed page by page. */
export function userLine(user: AdminUser, emailWidth: number): string {
  return [
    user.id,
    user.createdAt.padEnd(24),
    user.currency,
    (user.disabled ? 'disabled' : 'active').padEnd(statusWidth),
    user.email.padEnd(emailWidth),
    user.displayName,
  ].join('  ');
}

export function userHeader(emailWidth: number): string {
  return [
    'ID'.padEnd(36),
    'CREATED AT'.padEnd(24),
    'CUR',
    'STATUS'.padEnd(statusWidth),
    'EMAIL'.padEnd(emailWidth),
    'DISPLAY NAME',
  ].join('  ');
}
