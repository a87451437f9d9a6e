// Preloaded (NODE_OPTIONS=--require) into each CLI run: on exit, writes the process's peak resident
// memory in kB to $BENCH_MAXRSS_FILE, so ours and ajv-cli are measured the same way by the kernel.
const fs = require('node:fs');
process.on('exit', () => {
  const file = process.env.BENCH_MAXRSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
