/** The command line of `npm run lab`: its own options, and what goes on to Jupyter. */

/** What `npm run lab -- …` asked for. */
export interface LabArgs {
  /** `--port N` (or `--port=N`); undefined lets the script pick a free port. */
  port?: number;
  /** False with `--no-browser`. */
  openBrowser: boolean;
  /** A notebook or folder to open (the one positional argument). */
  open?: string;
  /** Everything else, passed to Jupyter unchanged (e.g. `--ServerApp.base_url=/x/`). */
  jupyterArgs: string[];
}

function parsePort(text: string | undefined): number {
  const port = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new Error(
      `npm run lab: --port expects a port number from 1 to 65535, got ${text === undefined ? "nothing" : `'${text}'`}`,
    );
  }
  return port;
}

/** Parses the arguments after `npm run lab --`. Throws with the option's name on a bad value. */
export function parseLabArgs(argv: readonly string[]): LabArgs {
  const args: LabArgs = { openBrowser: true, jupyterArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--port") args.port = parsePort(argv[++i]);
    else if (arg.startsWith("--port=")) args.port = parsePort(arg.slice("--port=".length));
    else if (arg === "--no-browser") args.openBrowser = false;
    else if (!arg.startsWith("-") && args.open === undefined) args.open = arg;
    else args.jupyterArgs.push(arg);
  }
  return args;
}
