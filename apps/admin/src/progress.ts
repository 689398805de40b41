import cliProgress from 'cli-progress';
import type { CommandIo } from './command.ts';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/**
 * How a long command shows how far it got: a progress bar on a terminal, a plain line per tenth (with the exact count and percentage)
 * when stdout is a pipe or a file. With --json, stdout carries only the JSON document, so the
 * bar goes to stderr when that is a terminal, and nothing is shown otherwise.
 */
export function createProgress(
  io: CommandIo,
  options: { json: boolean; total: number; label: string },
): Progress {
  const { json, total, label } = options;
  if (json) return io.stderr.isTTY === true ? progressBar(io.stderr, total, label) : silent;
  if (io.stdout.isTTY === true) return progressBar(io.stdout, total, label);
  return progressLines(io, total, label);
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

function progressBar(stream: NodeJS.WritableStream, total: number, label: string): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done) => {
      bar.update(done);
    },
    stop: () => {
      bar.stop();
    },
  };
}

function progressLines(io: CommandIo, total: number, label: string): Progress {
  let reported = -1;
  return {
    update(done) {
      const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
      if (tenth <= reported) return;
      reported = tenth;
      if (io.stdout.errored === null)
        io.stdout.write(`${label}: ${done}/${total} (${percentOf(done, total)}%)\n`);
    },
    stop: () => undefined,
  };
}

/** Whole percent done, rounded down as the bar does: 100 only once everything is done. */
function percentOf(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((done * 100) / total);
}
