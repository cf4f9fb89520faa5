import assert from "node:assert/strict";
import { ANALYSIS_OWNER_ACTIONS, assetPermissions, DASHBOARD_OWNER_ACTIONS, DASHBOARD_READER_ACTIONS } from "../../../components/quicksight/permissions";

const ADMINS = "arn:aws:quicksight:eu-west-1:123456789012:group/default/usage-admins";
const READERS = "arn:aws:quicksight:eu-west-1:123456789012:group/default/usage-readers";

describe("QuickSight asset permissions", () => {
  it("gives dashboard readers only the view actions", () => {
    const [, readers] = assetPermissions("dashboard", [ADMINS], [READERS]);
    assert.deepEqual(readers, { principal: READERS, actions: [...DASHBOARD_READER_ACTIONS] });
  });

  it("lets dashboard owners publish versions and manage permissions", () => {
    const [owners] = assetPermissions("dashboard", [ADMINS]);
    assert.ok(owners!.actions.includes("quicksight:UpdateDashboardPublishedVersion"));
    assert.ok(owners!.actions.includes("quicksight:UpdateDashboardPermissions"));
  });

  it("does not list a principal twice when it is both owner and reader", () => {
    assert.deepEqual(assetPermissions("dashboard", [ADMINS], [ADMINS]).map((p) => p.principal), [ADMINS]);
  });

  it("gives readers nothing on the analysis, which is the owners' workspace", () => {
    assert.deepEqual(assetPermissions("analysis", [ADMINS], [READERS]).map((p) => p.principal), [ADMINS]);
  });

  it("keeps within CloudFormation's ResourcePermission limits: 1 to 20 actions per principal, each listed once", () => {
    for (const actions of [ANALYSIS_OWNER_ACTIONS, DASHBOARD_OWNER_ACTIONS, DASHBOARD_READER_ACTIONS]) {
      assert.ok(actions.length >= 1 && actions.length <= 20, `${actions.length} actions`);
      assert.equal(new Set(actions).size, actions.length);
    }
  });
});
