import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Writes `text`, waiting while the reader is behind (backpressure). Rejects if the stream failed,
 * e.g. with EPIPE once the reader of a pipe (`| head`) has gone away.
 */
export async function writeOut(stream: Writable, text: string): Promise<void> {
  if (stream.errored !== null) throw stream.errored;
  if (!stream.write(text)) await once(stream, 'drain');
}
