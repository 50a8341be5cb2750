// Preloaded (`node --import`) into a gateway under test: counts the calls of Object.defineProperty
// that set a function's `name` (V8 then turns the native accessor into a data property and
// migrates the function's map: ~3,900 instructions each), between two SIGUSR2 signals. The first
// signal prints `function renames: counting`, the second `function renames: {"name":count,…}`, on
// standard error. The bundle's `__name` helper takes Object.defineProperty when it loads, after
// this has replaced it.
const define = Object.defineProperty;
/** @type {Map<string, number> | undefined} */
let counted;

Object.defineProperty = function defineProperty(target, key, descriptor) {
  if (counted !== undefined && key === 'name' && typeof target === 'function') {
    const name = String(descriptor?.value);
    counted.set(name, (counted.get(name) ?? 0) + 1);
  }
  return define(target, key, descriptor);
};

process.on('SIGUSR2', () => {
  if (counted === undefined) {
    counted = new Map();
    process.stderr.write('function renames: counting\n');
  } else {
    process.stderr.write(`function renames: ${JSON.stringify(Object.fromEntries(counted))}\n`);
    counted = undefined;
  }
});
