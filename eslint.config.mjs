// ESLint (flat config): typescript-eslint's recommended rules over the TypeScript sources.
// Formatting is prettier's job (.prettierrc.json), not ESLint's.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "build/", "node_modules/", "notebooks/", "data/", "etc/", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are deliberately unused (positional parameters of callbacks).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // Lazy `require` keeps heavy dependencies (danfojs, the stack) out of a notebook's start-up.
      "@typescript-eslint/no-require-imports": "off",
      // A `let` set once after the closures that read it are made (wiring order) is not a const.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Tests hand deliberately ill-typed values to the code under test.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
