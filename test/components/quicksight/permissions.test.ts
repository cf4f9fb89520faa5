import assert from "node:assert/strict";
import { assetPermissions, DASHBOARD_READER_ACTIONS } from "../../../components/quicksight/permissions";

const ADMINS = "arn:aws:quicksight:eu-west-1:123456789012:group/default/usage-admins";
const READERS = "arn:aws:quicksight:eu-west-1:123456789012:group/default/usage-readers";

describe("QuickSight asset permissions", () => {
  it("gives dashboard readers only the view actions", () => {
    const [, readers] = assetPermissions("dashboard", [ADMINS], [READERS]);
    assert.deepEqual(readers, { Principal: READERS, Actions: [...DASHBOARD_READER_ACTIONS] });
  });

  it("lets dashboard owners publish versions and manage permissions", () => {
    const [owners] = assetPermissions("dashboard", [ADMINS]);
    assert.ok(owners!.Actions!.includes("quicksight:UpdateDashboardPublishedVersion"));
    assert.ok(owners!.Actions!.includes("quicksight:UpdateDashboardPermissions"));
  });

  it("does not list a principal twice when it is both owner and reader", () => {
    assert.deepEqual(assetPermissions("dashboard", [ADMINS], [ADMINS]).map((p) => p.Principal), [ADMINS]);
  });

  it("gives readers nothing on the analysis, which is the owners' workspace", () => {
    assert.deepEqual(assetPermissions("analysis", [ADMINS], [READERS]).map((p) => p.Principal), [ADMINS]);
  });
});
