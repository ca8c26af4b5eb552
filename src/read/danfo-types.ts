/**
 * danfojs' types, re-exported. A notebook outside the project that imports capture-lab by path
 * cannot reach danfojs-node (it sits in capture-lab's `node_modules`), and tslab then refused
 * `const { frame } = await loadCaptures(...)` with "The inferred type of 'frame' cannot be named
 * without a reference to '.../node_modules/danfojs-node/...'". TypeScript names a type through
 * any module the cell imports that re-exports it, so these make every frame, series, group and
 * values type nameable as `capture-lab/read`'s. Types only: nothing is loaded at run time.
 */
export type { DataFrame, Series } from "danfojs-node";
// What danfo's methods return (`head()`, `column()`, `groupby()`, `.str`, `.dt`, `.values`).
export type {
  DataFrame as BaseDataFrame,
  Series as BaseSeries,
  Str as DanfoStr,
  Dt as DanfoDt,
} from "danfojs-node/dist/danfojs-base";
export type { default as Groupby } from "danfojs-node/dist/danfojs-base/aggregators/groupby";
export type { ArrayType1D, ArrayType2D } from "danfojs-node/dist/danfojs-base/shared/types";
