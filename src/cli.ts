#!/usr/bin/env node
/**
 * `capture-lab` command line: a table of commands, each in its own module under `cli/` with its
 * own parser and help. No dependencies: arguments are parsed by hand.
 */

/** One subcommand: a line of help, its full help, and what runs it (resolving to an exit code). */
interface Command {
  summary: string;
  help: () => string;
  run: (argv: readonly string[]) => Promise<number>;
}

// Each command's module is loaded when that command runs: `local` never loads the monitor's
// statistics, `baseline` never loads the stack.
type LocalModule = typeof import("./cli/local-command");
type BaselineModule = typeof import("./cli/baseline-command");
type MonitorModule = typeof import("./cli/monitor-command");
type KernelModule = typeof import("./cli/kernel-command");
type ReplayModule = typeof import("./cli/replay-command");
const local = (): LocalModule => require("./cli/local-command") as LocalModule;
const baseline = (): BaselineModule => require("./cli/baseline-command") as BaselineModule;
const monitor = (): MonitorModule => require("./cli/monitor-command") as MonitorModule;
const kernel = (): KernelModule => require("./cli/kernel-command") as KernelModule;
const replay = (): ReplayModule => require("./cli/replay-command") as ReplayModule;

const COMMANDS: Record<string, Command> = {
  kernel: {
    summary: "Install or remove the capture-lab Jupyter kernel (install [--user | --sys-prefix | --prefix DIR])",
    help: () => kernel().KERNEL_HELP,
    run: (argv) => kernel().runKernelCommand(argv),
  },
  local: {
    summary: "Run the local SageMaker + S3 stack in the foreground (Ctrl-C to stop)",
    help: () => local().LOCAL_HELP,
    run: (argv) => local().runLocalCommand(argv),
  },
  baseline: {
    summary: "Write Model Monitor baseline files (statistics.json, constraints.json) for a training dataset",
    help: () => baseline().BASELINE_HELP,
    run: (argv) => baseline().runBaselineCommand(argv),
  },
  monitor: {
    summary: "Check captures against a baseline (constraint_violations.json, drift report)",
    help: () => monitor().MONITOR_HELP,
    run: (argv) => monitor().runMonitorCommand(argv),
  },
  replay: {
    summary: "Send captured requests to a candidate model and compare its answers (comparison, summary, captures)",
    help: () => replay().REPLAY_HELP,
    run: (argv) => replay().runReplayCommand(argv),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)} ${c.summary}`);
  return `Usage: capture-lab <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun "capture-lab <command> --help" for a command's options.\n`;
}

/** Entry point; returns the exit code for immediate failures (a long-running command keeps running). */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    process.stderr.write(`capture-lab: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(command.help());
    return 0;
  }
  return command.run(rest);
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    if (code !== 0) process.exit(code);
  });
}
