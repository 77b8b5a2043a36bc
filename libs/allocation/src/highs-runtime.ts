// HiGHS (MIT), compiled to WebAssembly: loaded once per process (~50–100 ms) and shared.
import * as highsPackage from 'highs';
import type { Highs, InitOptions } from 'highs';

type HighsLoader = (options?: InitOptions) => Promise<Highs>;

// The package ships an ES module whose default export is the loader, but its type declarations sit in
// a CommonJS package, so TypeScript (nodenext) sees that default one level deeper. Accept both shapes.
const exported = highsPackage as unknown as { default: HighsLoader | { default: HighsLoader } };
const highsLoader: HighsLoader = typeof exported.default === 'function' ? exported.default : exported.default.default;

let loading: Promise<Highs> | undefined;

export function loadHighs(): Promise<Highs> {
  if (!loading) loading = highsLoader();
  return loading;
}
