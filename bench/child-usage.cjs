// Preloaded into each timed CLI run (`node --require bench/child-usage.cjs bin/recdedup …`): when
// a process exits it appends one line with its own resource usage, as getrusage(2) reports it for
// the whole process (every thread), to the file named by BENCH_USAGE_FILE. maxRssKb is the
// process's peak resident set in kilobytes, the figure GNU time -v prints.
// One line per process, appended: if the CLI runs itself again (bin/recdedup does, with a larger
// heap, for large inputs) the re-run inherits the --require through process.execArgv and reports
// too. CommonJS and --require so it loads before the CLI's ES modules, whatever they do.
'use strict';
const { appendFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const target = process.env.BENCH_USAGE_FILE;
// Worker threads load preloads too, and their resource usage is the whole process's so far: only
// the main thread reports.
if (target && isMainThread) {
  process.on('exit', (code) => {
    const usage = process.resourceUsage();
    const line = { pid: process.pid, ppid: process.ppid, code, maxRssKb: usage.maxRSS, userMicros: usage.userCPUTime, systemMicros: usage.systemCPUTime };
    appendFileSync(target, `${JSON.stringify(line)}\n`);
  });
}
