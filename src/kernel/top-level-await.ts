/**
 * Top-level `for await` in a cell. tslab wraps a cell in an async function only when TypeScript
 * reports a top-level `await` expression (diagnostic 1308); a `for await` loop raises no such
 * diagnostic, so a cell whose only await is a `for await` ran unwrapped and failed with
 * `SyntaxError: Unexpected reserved word`. The runner asks this module and marks such cells as
 * having top-level await, so they are wrapped like any other.
 */

/** The part of TypeScript's syntax API used here (tslab's bundled compiler provides it). */
export interface TsSyntax {
  createSourceFile(fileName: string, text: string, languageVersion: number, setParentNodes?: boolean): TsNode;
  forEachChild<T>(node: TsNode, visit: (child: TsNode) => T | undefined): T | undefined;
  isForOfStatement(node: TsNode): boolean;
  isFunctionLike(node: TsNode): boolean;
  isClassLike(node: TsNode): boolean;
  isModuleDeclaration(node: TsNode): boolean;
  ScriptTarget: { Latest: number };
}

/** A syntax node, as far as this module reads it. */
export interface TsNode {
  kind: number;
  awaitModifier?: unknown;
}

/**
 * True when `src` has a `for await` loop outside any function, class or namespace: one that
 * needs the cell to run in an async wrapper.
 */
export function hasTopLevelForAwait(ts: TsSyntax, src: string): boolean {
  if (!/\bfor\s+await\b/.test(src)) return false;
  const file = ts.createSourceFile("cell.ts", src, ts.ScriptTarget.Latest, false);
  const visit = (node: TsNode): true | undefined => {
    if (ts.isForOfStatement(node) && node.awaitModifier) return true;
    if (ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isModuleDeclaration(node)) return undefined;
    return ts.forEachChild(node, visit);
  };
  return ts.forEachChild(file, visit) === true;
}
