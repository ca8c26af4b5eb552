/** The Capture Lab Jupyter kernel: kernelspec install/uninstall and the display channel. */
export {
  KERNEL_DISPLAY_NAME,
  KERNEL_NAME,
  installKernelspec,
  kernelJson,
  kernelspecDir,
  launcherPath,
  sysPrefix,
  uninstallKernelspec,
  userDataDir,
} from "./kernelspec";
export type { KernelspecTarget } from "./kernelspec";
export { kernelChannel, setKernelChannel } from "../kernel-channel";
export type { DisplayOptions, KernelChannel } from "../kernel-channel";
