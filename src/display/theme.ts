/**
 * Colours for rendered HTML. JupyterLab's CSS variables first, so tables follow its light and
 * dark themes; the fallbacks are for the classic Notebook, nbconvert HTML and Markdown viewers.
 */

/** Main text colour. */
export const FG = "var(--jp-ui-font-color1, #222)";
/** Secondary text (notes, index labels, missing values). */
export const FG_MUTED = "var(--jp-ui-font-color2, #6b7480)";
/** Thin row separators. */
export const BORDER = "var(--jp-border-color2, #e3e6ea)";
/** Header underline. */
export const BORDER_STRONG = "var(--jp-border-color1, #c8ced6)";
/** Header background. */
export const BG_HEADER = "var(--jp-layout-color2, #f3f5f7)";
/** Every other body row. */
export const BG_STRIPE = "var(--jp-layout-color1, #fafbfc)";
/** Code and JSON blocks. */
export const BG_CODE = "var(--jp-cell-editor-background, #f6f8fa)";
