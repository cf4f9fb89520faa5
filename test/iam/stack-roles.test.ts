import assert from "node:assert/strict";
import { checkPolicyNames, simulateCall, unusedStatements } from "./reference";
import { identityPolicies, stackFunctions, type StackFunction } from "./stack-calls";
import { OWN_STACKS, ownStackResources } from "../support/own-stacks";

const STACKS = OWN_STACKS;
const resourcesOf = ownStackResources;

const functionsOf = async (stack: string): Promise<StackFunction[]> => stackFunctions(await resourcesOf(stack));

describe("IAM over every stack of the project (AWS's IAM reference and policy simulator)", function () {
  this.timeout(120_000);

  it("finds the project's stacks: dev, monitoring and prod at least", () => {
    for (const stack of ["dev", "monitoring", "prod"]) assert.ok(STACKS.includes(stack), STACKS.join(", "));
  });

  for (const stack of STACKS) {
    describe(`stack ${stack}`, () => {
      it("names only actions, resource types and condition keys the IAM reference knows, in every identity policy", async () => {
        const problems: string[] = [];
        for (const { name, policy } of identityPolicies(await resourcesOf(stack))) {
          for (const problem of await checkPolicyNames(policy)) problems.push(`${name}: ${problem}`);
        }
        assert.deepEqual(problems, []);
      });

      it("allows every call each function declares on the stack's concrete resources", async () => {
        const denied: string[] = [];
        for (const fn of await functionsOf(stack)) {
          for (const request of fn.requests) {
            const outcome = await simulateCall(fn.policy, request);
            if (!outcome.allowed) denied.push(`${fn.name}: ${outcome.explain}`);
          }
        }
        assert.deepEqual(denied, []);
      });

      it("grants each function nothing that none of its calls needs", async () => {
        const unused: string[] = [];
        for (const fn of await functionsOf(stack)) {
          for (const id of await unusedStatements(fn.policy, fn.requests)) unused.push(`${fn.name}: ${id}`);
        }
        assert.deepEqual(unused, []);
      });
    });
  }

  it("simulates every declared call in some stack, so no declaration goes untested", async () => {
    const exercised = new Map<string, Set<string>>();
    for (const stack of STACKS) {
      for (const fn of await functionsOf(stack)) {
        const seen = exercised.get(fn.contract) ?? new Set<string>();
        const actions = new Set(fn.requests.map((r) => r.action));
        for (const call of fn.permissions.calls) if (call.grants.every((g) => g.actions.every((a) => actions.has(a)))) seen.add(call.command);
        exercised.set(fn.contract, seen);
      }
    }
    const missing: string[] = [];
    for (const fn of (await Promise.all(STACKS.map(functionsOf))).flat()) {
      for (const call of fn.permissions.calls) if (!exercised.get(fn.contract)?.has(call.command)) missing.push(`${fn.contract}: ${call.command}`);
    }
    assert.deepEqual([...new Set(missing)], []);
  });

  it("simulates the stack key's KMS actions in a stack with a customer key (prod)", async () => {
    const kmsRequests = (await functionsOf("prod")).flatMap((fn) => fn.requests.filter((r) => r.action.startsWith("kms:")).map((r) => `${fn.contract} ${r.action}`));
    for (const expected of ["api-call-counter kms:GenerateDataKey", "distinct-users-widget kms:Decrypt", "access-log-enricher kms:Decrypt"]) {
      assert.ok(kmsRequests.includes(expected), `${expected} not among ${[...new Set(kmsRequests)].join(", ")}`);
    }
  });
});
