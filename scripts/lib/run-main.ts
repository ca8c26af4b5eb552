/**
 * Runs a script's async entry point and exits with its code; an error prints only its message
 * (the scripts' errors are written for users, a stack trace would bury them).
 */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error((e as Error).message);
      process.exit(1);
    },
  );
}
