import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** Secrets that travel in headers; never written to the log, whatever a serializer logs. */
export const logRedactions = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** The process's one logger: JSON lines, secrets redacted. Server and API both write to it. */
export function createLogger(
  options: Omit<LoggerOptions, 'redact'> = {},
  destination?: DestinationStream,
): Logger {
  const settings = { ...options, redact: logRedactions };
  return destination === undefined ? pino(settings) : pino(settings, destination);
}
