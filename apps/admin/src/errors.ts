/** The command was called wrongly (a bad option value, say): exit 2 with the help text. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Why an operation failed, on one line for stderr. */
export function describeError(error: unknown): string {
  return messageOf(error).replace(/\s+/g, ' ').trim() || 'unknown error';
}

function messageOf(error: unknown): string {
  // pg reports a refused connection to every address of a host as an AggregateError without a message.
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map(messageOf).join('; ');
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
