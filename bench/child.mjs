// Runs one measured child process: its wall time from spawn to exit, its peak RSS, and a guard
// that stops it at a time or memory limit, so one slow or swollen run is recorded in the table
// ("timed out", "stopped at … GB") instead of taking the benchmark (or the machine) down.
// The child leads a process group of its own, so the guard sees, and stops, whatever it starts
// (bin/recdedup runs itself again with a larger heap for large inputs).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const USAGE_PRELOAD = fileURLToPath(new URL('child-usage.cjs', import.meta.url));
const POLL_MS = 200;
const STDERR_KEEP = 4000;

/** Process groups still running, stopped if the benchmark itself is interrupted. */
const running = new Set();
const stopAll = () => running.forEach((group) => killGroup(group));
process.on('exit', stopAll);
process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});

/**
 * Runs `node --require child-usage.cjs …args` and resolves to
 * { outcome: 'ok' | 'failed' | 'timed out' | 'memory', exitCode, wallSeconds, peakRssMb,
 *   cpuSeconds, processes, stdout, stderrTail, markers (stderr lines starting "bench-") }.
 * peakRssMb is the largest getrusage maxRSS among the processes of the run (as GNU time reports
 * for a command that starts others); if none could report it (killed), the highest RSS of the
 * process group the guard saw while polling. cpuSeconds is their user + system time together.
 */
export async function runNode(args, limits) {
  const dir = mkdtempSync(join(os.tmpdir(), 'recdedup-usage-'));
  const usageFile = join(dir, 'usage.jsonl');
  try {
    const run = await runGuarded(process.execPath, ['--require', USAGE_PRELOAD, ...args], { ...limits, env: { BENCH_USAGE_FILE: usageFile } });
    const usage = perProcess(readUsage(usageFile));
    if (usage.length > 0) {
      run.peakRssMb = Math.max(...usage.map((u) => u.maxRssKb)) / 1024;
      run.cpuSeconds = usage.reduce((sum, u) => sum + u.userMicros + u.systemMicros, 0) / 1e6;
      run.processes = usage.length;
    }
    return run;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs any command under the time and memory guard; peak RSS as polled from /proc (the whole process group). */
export function runGuarded(command, args, { timeoutSeconds, memoryLimitMb, env = {}, cwd }) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    running.add(child.pid);
    const out = [];
    const markers = [];
    let stderr = '';
    let partial = '';
    let polledKb = 0;
    let outcome;
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
      // Lines a worker marks as "bench-…" (stage progress) are kept whole, however much follows.
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      markers.push(...lines.filter((line) => line.startsWith('bench-')));
    });
    const stop = (why) => {
      outcome ??= why;
      killGroup(child.pid);
    };
    const poll = setInterval(() => {
      polledKb = Math.max(polledKb, groupResidentKb(child.pid));
      if (polledKb / 1024 > memoryLimitMb) stop('memory');
    }, POLL_MS);
    const timer = setTimeout(() => stop('timed out'), timeoutSeconds * 1000);
    child.on('close', (exitCode) => {
      clearInterval(poll);
      clearTimeout(timer);
      // Anything the child started and left behind goes too.
      killGroup(child.pid);
      running.delete(child.pid);
      resolve({
        outcome: outcome ?? (exitCode === 0 ? 'ok' : 'failed'),
        exitCode,
        wallSeconds: (performance.now() - started) / 1000,
        peakRssMb: polledKb / 1024,
        cpuSeconds: undefined,
        processes: undefined,
        stdout: Buffer.concat(out).toString('utf8'),
        stderrTail: stderr.trim(),
        markers,
        limits: { timeoutSeconds, memoryLimitMb },
      });
    });
  });
}

function killGroup(group) {
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The summed resident set (VmRSS, kB) of every process in the group, or 0 once all have gone. */
function groupResidentKb(group) {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the parenthesised command name: state, ppid, pgrp, …
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== group) continue;
      const line = readFileSync(`/proc/${pid}/status`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('VmRSS:'));
      total += line ? Number(line.split(/\s+/)[1]) : 0;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

/** One line per process: should one report twice, its last (cumulative) figures. */
function perProcess(lines) {
  const byPid = new Map();
  for (const line of lines) byPid.set(line.pid, line);
  return [...byPid.values()];
}

function readUsage(file) {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line));
  } catch {
    return [];
  }
}

/** A run's outcome as a table cell: its value when it finished, else why it did not. */
export function outcomeLabel(run) {
  if (run.outcome === 'timed out') return `timed out (${run.limits.timeoutSeconds} s)`;
  if (run.outcome === 'memory') return `stopped at ${(run.limits.memoryLimitMb / 1024).toFixed(0)} GB RSS`;
  if (run.outcome !== 'failed') return 'ok';
  if (/heap out of memory/.test(run.stderrTail)) return 'failed: JS heap out of memory';
  if (/report could not be read/.test(run.stderrTail)) return 'failed: report unreadable';
  return `failed (exit ${run.exitCode})`;
}
