/**
 * Who made the request: the first identity present in the configured order, which source it came
 * from, and how the caller authenticated. "Present" is the shared rule of contracts/identity.ts:
 * an empty or blank claim is absent and never wins over the next identity.
 */
import type { UserSource } from "../../contracts/functions/access-log-enricher";
import { presentIdentity } from "../../contracts/identity";
import type { ApiType } from "../../contracts/log-fields";

export type AuthMethod = "cognito" | "jwt" | "lambda_authorizer" | "iam" | "api_key" | "none";

export interface IdentityInput {
  readonly claimsSub: string | null;
  readonly principalId: string | null;
  readonly cognitoIdentityId: string | null;
  readonly userArn: string | null;
  readonly apiKeyId: string | null;
}

export interface UserIdentity {
  readonly userId: string | null;
  readonly userSource: UserSource | null;
  readonly authMethod: AuthMethod;
}

export function resolveUserIdentity(apiType: ApiType | null, input: IdentityInput, order: readonly UserSource[]): UserIdentity {
  let userId: string | null = null;
  let userSource: UserSource | null = null;
  for (const source of order) {
    const value = presentIdentity(identityFrom(input, source));
    if (value !== null) {
      userId = value;
      userSource = source;
      break;
    }
  }
  return { userId, userSource, authMethod: authMethodOf(apiType, input) };
}

function identityFrom(input: IdentityInput, source: UserSource): string | null {
  switch (source) {
    case "claims_sub":
      return input.claimsSub;
    case "principal_id":
      return input.principalId;
    case "cognito_identity_id":
      return input.cognitoIdentityId;
    case "iam_user_arn":
      return input.userArn;
    case "api_key_id":
      return input.apiKeyId;
  }
}

/**
 * Claims come from a Cognito user-pool authorizer on REST and from a JWT authorizer on HTTP APIs;
 * a Cognito identity id or a user ARN means a SigV4-signed (IAM) call. An API key alone identifies
 * a usage plan subscriber, not an authenticated user, so it ranks last.
 */
function authMethodOf(apiType: ApiType | null, input: IdentityInput): AuthMethod {
  const present = (v: string | null) => presentIdentity(v) !== null;
  if (present(input.claimsSub)) return apiType === "HTTP" ? "jwt" : "cognito";
  if (present(input.principalId)) return "lambda_authorizer";
  if (present(input.cognitoIdentityId) || present(input.userArn)) return "iam";
  if (present(input.apiKeyId)) return "api_key";
  return "none";
}
