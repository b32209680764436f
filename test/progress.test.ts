import { describe, expect, it } from 'vitest';
import { NO_PROGRESS, terminalProgress } from '../src/progress.js';

function recorder(): NodeJS.WritableStream & { text: string } {
  const sink = { text: '', write: (chunk: string) => ((sink.text += chunk), true) };
  return sink as unknown as NodeJS.WritableStream & { text: string };
}

describe('terminalProgress', () => {
  it('shows each stage on one self-overwriting line, with the item count and elapsed time, and clears it when done', () => {
    const stream = recorder();
    let clock = 0;
    const progress = terminalProgress(stream, () => clock);
    progress.step('reading pfd.csv');
    progress.setItems(4382);
    const value = progress.stage('pairs', () => {
      clock = 1500;
      return 42;
    });
    progress.step('building the report');
    progress.done();
    expect(value).toBe(42);
    const lines = stream.text.split('\r').filter(Boolean);
    expect(lines[0]).toBe('\u001b[2Krecdedup: reading pfd.csv (0.0 s)');
    expect(lines[1]).toBe('\u001b[2Krecdedup: finding and scoring candidate pairs (4,382 items, 0.0 s)');
    expect(lines[2]).toBe('\u001b[2Krecdedup: building the report (4,382 items, 1.5 s)');
    expect(lines[3]).toBe('\u001b[2K');
    expect(stream.text).not.toContain('\n');
  });

  it('shows how far a long stage has got and the time left, at most ten times a second', () => {
    const stream = recorder();
    let clock = 0;
    const progress = terminalProgress(stream, () => clock);
    progress.setItems(10000);
    progress.stage('topics', (tick) => {
      clock = 50;
      tick!(500, 10000); // too soon after the stage line: not drawn
      clock = 1000;
      tick!(500, 10000); // 5 %: no time left yet
      clock = 2000;
      tick!(5000, 10000); // half done in 2 s: about 2 s left
    });
    const lines = stream.text.split('\r').filter(Boolean);
    expect(lines).toEqual([
      '\u001b[2Krecdedup: finding topic neighbours (10,000 items, 0.0 s)',
      '\u001b[2Krecdedup: finding topic neighbours 5 % (10,000 items, 1.0 s)',
      '\u001b[2Krecdedup: finding topic neighbours 50 %, about 2 s left (10,000 items, 2.0 s)',
    ]);
  });

  it('writes nothing when nothing was shown, and NO_PROGRESS only runs the stage', () => {
    const stream = recorder();
    terminalProgress(stream).done();
    expect(stream.text).toBe('');
    expect(NO_PROGRESS.stage('cluster', () => 'ran')).toBe('ran');
  });
});
