// ESLint flat config: typescript-eslint's recommended rules over all project sources.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/", "build/", "dist/", ".pulumi-state/", ".k8s-local/"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: { globals: { console: "readonly", process: "readonly", __dirname: "readonly", Buffer: "readonly", setTimeout: "readonly", URL: "readonly" } },
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            "no-control-regex": "off",
        },
    },
    // CommonJS: the entry points Pulumi runs (Pulumi.yaml main, the policy pack's package.json main) and the layering rules.
    { files: ["program.js", "policy/program.js", ".dependency-cruiser.cjs"], languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable" } } },
);
