import type { AnalysisStage, StageRunner } from './pipeline.js';

/** What each stage is called on the progress line. */
const STAGE_LABELS: Record<AnalysisStage, string> = {
  normalise: 'normalising and finding boilerplate',
  vectors: 'building vectors',
  pairs: 'finding and scoring candidate pairs',
  topics: 'finding topic neighbours',
  cluster: 'grouping and forming themes',
};

export interface Progress {
  /** Runs the analysis stages, each shown on the progress line while it runs. */
  stage: StageRunner;
  /** Shows a step outside the analysis ("reading 3 files"). */
  step(label: string): void;
  /** From now on the line names how many items the run has (known once the input is read). */
  setItems(items: number): void;
  /** Clears the line: the report, or an error, starts on a clean terminal. */
  done(): void;
}

/**
 * One self-overwriting line on standard error: the current step and how long the run has taken.
 * Only for a terminal (the caller decides), so piped and CI output never holds it.
 */
export function terminalProgress(stream: NodeJS.WritableStream, now: () => number = () => performance.now()): Progress {
  const started = now();
  let items: number | undefined;
  let shown = false;
  let lastShown = -Infinity;
  const show = (label: string) => {
    const seconds = ((now() - started) / 1000).toFixed(1);
    const count = items === undefined ? '' : `${items.toLocaleString('en-GB')} items, `;
    stream.write(`\r\u001b[2Krecdedup: ${label} (${count}${seconds} s)`);
    shown = true;
    lastShown = now();
  };
  return {
    stage: (stage, run) => {
      const label = STAGE_LABELS[stage];
      const stageStarted = now();
      show(label);
      // Long stages tell how far they have got: the line shows the share done and, once there is
      // enough to go on, the time left at the pace so far. At most ten updates a second.
      return run((done, total) => {
        if (now() - lastShown < REDRAW_MS || total === 0) return;
        show(`${label} ${Math.floor((100 * done) / total)} %${timeLeft(now() - stageStarted, done, total)}`);
      });
    },
    step: show,
    setItems: (n) => (items = n),
    done: () => {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}

const REDRAW_MS = 100;

/** ", about 12 s left" once a tenth of the stage is done; before that a guess would mislead. */
function timeLeft(elapsedMs: number, done: number, total: number): string {
  if (done < total / 10) return '';
  return `, about ${Math.ceil(((elapsedMs / done) * (total - done)) / 1000)} s left`;
}

/** No line at all: --no-progress, CI, or standard error not a terminal. */
export const NO_PROGRESS: Progress = { stage: (_stage, run) => run(), step: () => {}, setItems: () => {}, done: () => {} };

/** Runs a command's work with a progress line when options allow one, and always clears it after. */
export async function withProgress<T>(enabled: boolean, stream: NodeJS.WritableStream, work: (progress: Progress) => Promise<T>): Promise<T> {
  const progress = enabled ? terminalProgress(stream) : NO_PROGRESS;
  try {
    return await work(progress);
  } finally {
    progress.done();
  }
}
