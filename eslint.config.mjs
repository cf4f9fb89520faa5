import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Dependency direction (DESIGN.md): contracts ← functions; contracts ← components ← config ←
// index.ts ← synth; contracts ← components ← provider; nothing outside test/ imports test/.
//
// An import is restricted by the top-level folder it resolves to, so the patterns are anchored to
// the importing file's depth: from components/app/index.ts, `../../functions/**` is the top-level
// functions/ folder, while `../../contracts/functions/x` and `../shared/config` (that is,
// components/shared/config) stay allowed; unanchored `**/functions/**` or `**/config/**` patterns
// would fire on those. One block per area and depth, up to MAX_DEPTH folders below the root: each
// file matches exactly one block, so no block's options replace another's.
const MAX_DEPTH = 10;
const DIRECTION = "dependencies point one way: contracts ← functions; contracts ← components ← config ← index.ts ← synth (DESIGN.md)";
const TEST_MESSAGE = "nothing outside test/ imports test/: move what is shared to bench/support/ or to the area it serves (DESIGN.md)";
// The roots of the AWS providers make every program that type-checks the importing file (npm run
// typecheck, the CLI's ts-node on each preview, the component package, the policy pack) parse and bind
// every AWS service's declarations. Part of every block below: a block's options replace another's.
const AWS_ROOT_MESSAGE =
  "imports every AWS service's declarations into each program that type-checks this file: import the service's submodule (@pulumi/aws/s3, @pulumi/aws-native/quicksight), or in components/ and policies/ their selection (components/shared/aws.ts, components/shared/aws-native.ts, policies/aws.ts)";
const AWS_ROOTS = ["@pulumi/aws", "@pulumi/aws-native"].map((name) => ({ name, message: `${name} ${AWS_ROOT_MESSAGE}` }));
const AREAS = ["components", "config", "contracts", "functions", "policies", "synth", "scripts", "bench", "test", "examples", "ops", "provider"];

/** Patterns forbidding, from `area` at `depth` folders below the root, imports of the top-level `targets`. */
function forbiddenTargets(area, depth, targets) {
  const up = depth === 0 ? "./" : "../".repeat(depth);
  return targets.map((target) => {
    if (target === "test") return { group: [`${up}test`, `${up}test/**`], message: TEST_MESSAGE };
    if (target === "index") {
      // The composition root: `../../index`, `../../index.ts`, or the bare directory `../..`.
      const root = depth === 0 ? "\\." : `(\\.\\./){${depth - 1}}\\.\\.`;
      return { regex: `^${root}(/|/index(\\.ts)?)?$`, message: `${area} must not import the root index.ts: ${DIRECTION}` };
    }
    return { group: [`${up}${target}`, `${up}${target}/**`], message: `${area} must not import ${target}/: ${DIRECTION}` };
  });
}

/** Blocks restricting imports from `area` (a top-level folder, or "index.ts") at every depth. */
function restrictImports(area, { targets, packages = [], leaveArea = false }) {
  const depths = area === "index.ts" ? [0] : Array.from({ length: MAX_DEPTH }, (_, i) => i + 1);
  return depths.map((depth) => {
    const patterns = forbiddenTargets(area, depth, targets);
    if (leaveArea) {
      patterns.push({ regex: `^(\\.\\./){${depth}}`, message: `${area}/ imports nothing of ours from outside ${area}/: ${DIRECTION}` });
    }
    for (const pkg of packages) patterns.push({ group: [pkg], message: `${area}/ must not import ${pkg}: ${DIRECTION}` });
    return {
      files: [area === "index.ts" ? "index.ts" : `${area}/${"*/".repeat(depth - 1)}*.ts`],
      rules: { "@typescript-eslint/no-restricted-imports": ["error", { paths: AWS_ROOTS, patterns }] },
    };
  });
}

const others = (...allowed) => AREAS.filter((a) => !allowed.includes(a));

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "lib/**", "out/**", "policies/node_modules/**", "examples/**/node_modules/**", "**/*.mjs", "**/*.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  // Files no area block below covers (test/, a new top-level folder) still refuse the AWS roots.
  { rules: { "@typescript-eslint/no-restricted-imports": ["error", { paths: AWS_ROOTS }] } },
  {
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
  ...restrictImports("contracts", { targets: [], packages: ["@pulumi/*", "@aws-sdk/*"], leaveArea: true }),
  ...restrictImports("functions", { targets: [...others("functions", "contracts"), "index"], packages: ["@pulumi/*"] }),
  ...restrictImports("components", { targets: [...others("components", "contracts"), "index"] }),
  ...restrictImports("config", { targets: [...others("config", "contracts", "components"), "index"] }),
  ...restrictImports("policies", { targets: [...others("policies", "contracts"), "index"] }),
  // ops/ (doctor, cost model) reads deployed stacks with the AWS SDK; it knows the stack only through contracts/.
  ...restrictImports("ops", { targets: [...others("ops", "contracts"), "index"], packages: ["@pulumi/*"] }),
  ...restrictImports("provider", { targets: [...others("provider", "contracts", "components"), "index"] }),
  ...["synth", "scripts", "bench", "examples", "index.ts"].flatMap((area) => restrictImports(area, { targets: ["test"] })),
);
