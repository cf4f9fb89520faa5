// The only file that starts a policy pack: `pulumi preview --policy-pack policies` runs it.
// Tests and `npm run synth` import ./all instead (a second PolicyPack in one process exits it).
import { PolicyPack } from "@pulumi/policy";
import { ALL_POLICIES, PACK_NAME } from "./all";

new PolicyPack(PACK_NAME, { policies: ALL_POLICIES });
