/**
 * What this folder's tests share, made once per process: `npm run test:package` runs them in one
 * mocha process (no workers) with this file as a root-hook plugin, so the tarball is packed once
 * and each policy pack launched once (the repository's is type-checked by ts-node as the CLI does,
 * which costs seconds of CPU), then closed after the last test.
 */
import * as path from "node:path";
import type * as grpc from "@grpc/grpc-js";
import { analyzerInfo, launchPolicyPack, openAsEngine, type LaunchedPack, type PackInfo, type StackIdentity } from "../support/policy-pack-host";
import { installInto, packPackage, ROOT, type InstalledApp, type PackedPackage } from "./install";

export const REPOSITORY_PACK = path.join(ROOT, "policies");
export const SHIPPED_FOLDER = "lib/policies";

/** The stack the packs are opened for: an app stack's preview, as `pulumi preview --policy-pack` sends it. */
export const APP_STACK: StackIdentity = { organization: "organization", project: "legacy", stack: "dev", dryRun: true, config: { "aws:region": "us-east-1" } };

export interface OpenedPack {
  readonly dir: string;
  readonly pack: LaunchedPack;
  readonly handshake: grpc.status;
  readonly info: PackInfo;
}

const closers: Array<() => void> = [];

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

async function open(dir: string): Promise<OpenedPack> {
  const pack = await launchPolicyPack(dir, APP_STACK);
  closers.push(() => pack.close());
  const handshake = await openAsEngine(pack, dir, APP_STACK);
  return { dir, pack, handshake, info: await analyzerInfo(pack) };
}

/** `npm pack` of this repository as built. */
export const packed = once((): PackedPackage => packPackage());

/** An app with the tarball installed, the shipped pack's home (tests that write into an app make their own). */
export const shippedApp = once((): InstalledApp => installInto(packed()));

/** policies/ in this checkout, type-checked by ts-node as the CLI starts it. */
export const repositoryPack = once(() => open(REPOSITORY_PACK));

/** lib/policies from the tarball, in an app's node_modules. */
export const shippedPack = once(() => open(path.join(shippedApp().packageDir, SHIPPED_FOLDER)));

/** Mocha's root hook: the packs end with the run. */
export const mochaHooks = {
  afterAll(): void {
    for (const close of closers.splice(0)) close();
  },
};
