/** Before any check: who are we (STS GetCallerIdentity)? Without credentials or an answer the doctor cannot run (exit 2). */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { AwsClients } from "./clients";

export class CannotRun extends Error {
  override name = "CannotRun";
}

export async function callerAccount(aws: AwsClients, timeoutMs: number): Promise<{ accountId: string; arn: string }> {
  try {
    const out = await aws.sts.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(timeoutMs) });
    return { accountId: out.Account ?? "", arn: out.Arn ?? "" };
  } catch (e) {
    const err = e as { name?: string; message?: string };
    if (err.name === "CredentialsProviderError" || /credential/i.test(err.message ?? "")) {
      throw new CannotRun(`no AWS credentials: ${err.message}. Sign in (aws sso login, or AWS_PROFILE / AWS_ACCESS_KEY_ID) for the stack's account and rerun`);
    }
    throw new CannotRun(`sts:GetCallerIdentity failed (${err.name}: ${err.message}); the doctor cannot tell which account it reads`);
  }
}
