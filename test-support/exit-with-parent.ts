// Preloaded (--import) into a long-running child a test starts: once the test's process is gone,
// the child exits instead of running on as an orphan.
const startedBy = process.ppid;
setInterval(() => {
  if (process.ppid !== startedBy) process.exit(1);
}, 500).unref();
