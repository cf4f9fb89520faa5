/** A custom-widget function answers the console's `describe` call with its Markdown documentation. */
import { InvokeCommand } from "@aws-sdk/client-lambda";
import { fail, nameInArn, pass, type Check } from "../check";

export function widgetDescribe(functionArn: string): Check {
  const name = nameInArn(functionArn);
  return {
    id: `widget-describe:${name}`,
    area: "Dashboard",
    title: `widget ${name} answers describe`,
    async run(ctx) {
      const out = await ctx.aws.lambda.send(
        new InvokeCommand({ FunctionName: functionArn, InvocationType: "RequestResponse", Payload: new TextEncoder().encode(JSON.stringify({ describe: true })) }),
        { abortSignal: ctx.signal },
      );
      const text = out.Payload ? new TextDecoder().decode(out.Payload) : "";
      if (out.FunctionError) {
        return fail(`${name} failed on describe (${out.FunctionError}): ${text.slice(0, 200)}`, `read its log: aws logs tail /aws/lambda/${name} --since 15m`);
      }
      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch {
        answer = undefined;
      }
      if (typeof answer !== "string" || answer.trim() === "") {
        return fail(`${name} answered describe with ${text ? text.slice(0, 80) : "nothing"}, not Markdown text`, "the function is not one of the stack's widget bundles: `npm run build` and `pulumi up` redeploy it");
      }
      return pass(`${answer.trim().split("\n")[0].slice(0, 60)}`);
    },
  };
}
