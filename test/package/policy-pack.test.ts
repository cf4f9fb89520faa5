/**
 * The policy pack the npm package ships (lib/policies/), taken from the `npm pack` tarball installed
 * into an app, against the repository's own pack (policies/, TypeScript), both launched as the
 * Pulumi CLI launches a Node.js pack (see ./analyzer.ts) and asked the same questions over the
 * Analyzer protocol. Neither is imported: `new PolicyPack` serves from the process that calls it.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { synthesize } from "../../synth/engine";
import { plannedResource, type PlannedResource } from "../../synth/plan";
import { synthStack } from "../../synth/run";
import { analyzeAsEngine, launchPolicyPack, resolveRunPolicyPack, type Diagnostic } from "../support/policy-pack-host";
import { installInto, ROOT } from "./install";
import { APP_STACK, packed, repositoryPack, shippedApp, shippedPack, SHIPPED_FOLDER, type OpenedPack } from "./launched";

const { version: PACKAGE_VERSION } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };

let shipped: OpenedPack;
let repository: OpenedPack;
let noncompliant: PlannedResource[];
let devPreview: PlannedResource[];

const sorted = (diagnostics: Diagnostic[]) =>
  diagnostics.map(({ version: _version, ...rest }) => rest).sort((a, b) => `${a.policy}|${a.urn}|${a.message}`.localeCompare(`${b.policy}|${b.urn}|${b.message}`));

describe("the policy pack shipped in the npm package, launched as the Pulumi CLI launches a Node.js pack", function () {
  this.timeout(240_000);

  before(async () => {
    // Both packs start at once: the repository's is type-checked by ts-node as the CLI does it.
    [shipped, repository] = await Promise.all([shippedPack(), repositoryPack()]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require(path.join(ROOT, "test/fixtures/app-stacks/noncompliant.ts")) as () => unknown;
    noncompliant = (await synthesize(program, { project: APP_STACK.project, stack: APP_STACK.stack, config: APP_STACK.config })).resources.map(plannedResource);
    const dev = await synthStack({ rootDir: ROOT, stack: "dev", preview: true, outDir: mkdtempSync(path.join(tmpdir(), "pack-dev-")), quiet: true, log: () => undefined });
    assert.ok(dev.resources, dev.reason);
    devPreview = dev.resources.map(plannedResource);
  });

  it("is a pack folder in the package: PulumiPolicy.yaml for the nodejs runtime, and a package.json naming index.js with the package's version", () => {
    const folder = path.join(shippedApp().packageDir, SHIPPED_FOLDER);
    assert.equal((parse(readFileSync(path.join(folder, "PulumiPolicy.yaml"), "utf8")) as { runtime: unknown }).runtime, "nodejs");
    const manifest = JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")) as { main: string; version: string };
    assert.deepEqual({ main: manifest.main, version: manifest.version }, { main: "index.js", version: PACKAGE_VERSION });
  });

  it("takes run-policy-pack, @pulumi/policy and @pulumi/aws from the app's node_modules, not from inside the package", () => {
    const folder = path.join(shippedApp().packageDir, SHIPPED_FOLDER);
    const fromPack = (module: string) => require.resolve(module, { paths: [folder] });
    const fromApp = (module: string) => require.resolve(module, { paths: [shippedApp().dir] });
    for (const module of ["@pulumi/policy", "@pulumi/aws", "@pulumi/pulumi"]) assert.equal(fromPack(module), fromApp(module), module);
    assert.equal(resolveRunPolicyPack(folder), fromApp("@pulumi/pulumi/cmd/run-policy-pack"));
  });

  it("answers the engine's Handshake and ConfigureStack as the repository's pack does", () => {
    assert.equal(shipped.handshake, repository.handshake);
  });

  it("describes the same policies as the repository's pack, with the package's version", () => {
    assert.equal(shipped.info.name, "api-usage-insights");
    assert.equal(shipped.info.version, PACKAGE_VERSION);
    assert.ok(shipped.info.policies.length > 10, `only ${shipped.info.policies.length} policies`);
    assert.deepEqual({ ...shipped.info, version: undefined }, { ...repository.info, version: undefined });
  });

  it("refuses a non-compliant app stack with the same mandatory violations as the repository's pack", async () => {
    const [fromShipped, fromRepository] = await Promise.all([analyzeAsEngine(shipped.pack, noncompliant), analyzeAsEngine(repository.pack, noncompliant)]);
    assert.deepEqual(sorted(fromShipped), sorted(fromRepository));
    assert.deepEqual(
      fromShipped
        .filter((d) => d.enforcementLevel === "mandatory")
        .map((d) => d.policy)
        .sort(),
      ["apigateway-rest-stage-access-logging", "apigateway-rest-stage-metrics", "apigateway-v2-stage-access-logging"],
    );
    assert.ok(fromShipped.every((d) => d.version === PACKAGE_VERSION));
  });

  it("decides a first preview of the dev stack as the repository's pack does, with no mandatory violation", async () => {
    const [fromShipped, fromRepository] = await Promise.all([analyzeAsEngine(shipped.pack, devPreview), analyzeAsEngine(repository.pack, devPreview)]);
    assert.deepEqual(sorted(fromShipped), sorted(fromRepository));
    assert.deepEqual(
      fromShipped.filter((d) => d.enforcementLevel === "mandatory"),
      [],
    );
  });

  it("fails to start in an app that did not install @pulumi/policy, naming the module", async () => {
    const bare = installInto(packed(), ["@pulumi/policy"]);
    await assert.rejects(launchPolicyPack(path.join(bare.packageDir, SHIPPED_FOLDER), APP_STACK, 60_000), /Cannot find module '@pulumi\/policy'/);
  });
});
