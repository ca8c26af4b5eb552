/**
 * Which Jupyter kernel the notebooks, scripts and tests use, in one place. The kernelspec is
 * found through `JUPYTER_PATH` (see jupyter.ts): `<KERNELSPEC_ROOT>/kernels/<KERNEL_NAME>/`.
 */
import * as path from "node:path";

/** The kernelspec name written into every notebook and used by nbconvert and JupyterLab. */
export const KERNEL_NAME = "capture-lab";

/** The name JupyterLab shows for the kernel (the notebook metadata's `display_name`). */
export const KERNEL_DISPLAY_NAME = "TypeScript (Capture Lab)";

/**
 * The Jupyter data folder (a `JUPYTER_PATH` entry) holding `kernels/<KERNEL_NAME>/kernel.json`
 * and the nbconvert templates: the repository's `jupyter/` folder.
 */
export function kernelspecRoot(root: string): string {
  return path.join(root, "jupyter");
}
