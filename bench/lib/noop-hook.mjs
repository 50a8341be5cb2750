// A request-pipeline hook that does nothing after each result: what an observability hook costs
// at least (`node bench/run.mjs --discograph-args "--hooks bench/lib/noop-hook.mjs"`).
export default { name: 'noop-result', onResult() {} };
