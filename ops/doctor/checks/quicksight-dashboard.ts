/** The QuickSight dashboard's published version is CREATION_SUCCESSFUL. */
import { fail, pass, skip, type Check } from "../check";
import { quicksightDashboard } from "../discover";

export const quicksightDashboardVersion: Check = {
  id: "quicksight-dashboard",
  area: "QuickSight",
  title: "the dashboard's published version is CREATION_SUCCESSFUL",
  async run(ctx) {
    if (!ctx.quicksightEnabled || !ctx.outputs.quicksightDashboardId) return skip("QuickSight is off for this stack");
    const dashboard = await quicksightDashboard(ctx);
    const version = dashboard.Version;
    if (version?.Status !== "CREATION_SUCCESSFUL") {
      const errors = (version?.Errors ?? []).map((e) => `${e.Type}: ${e.Message}`).join("; ");
      return fail(
        `dashboard ${dashboard.DashboardId} version ${version?.VersionNumber ?? "?"} is ${version?.Status ?? "unknown"}${errors ? ` (${errors})` : ""}`,
        "a definition error names the field or column; fix it in components/quicksight and `pulumi up` (the dashboard republishes); CREATION_IN_PROGRESS: rerun in a minute",
      );
    }
    return pass(`version ${version.VersionNumber} CREATION_SUCCESSFUL`);
  },
};
