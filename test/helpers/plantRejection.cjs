// Preloaded (NODE_OPTIONS=--require) into a language server process by a test: on SIGUSR2 a promise
// rejects with no handler, as a slip anywhere in the server would.
process.on('SIGUSR2', () => {
  Promise.reject(new Error('planted rejection'));
});
