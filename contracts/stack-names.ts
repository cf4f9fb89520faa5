/**
 * Stack names as StackReference takes them. A bare name ("monitoring") means a stack of this
 * project in this organization, so one stack file works on Pulumi Cloud (organization "acme") and on
 * a local backend (whose only organization is "organization") alike.
 */
const QUALIFIED = /^[\w.-]+\/[\w.-]+\/[\w.-]+$/;

export function qualifiedStackName(name: string, organization: string, project: string): string {
  return QUALIFIED.test(name) ? name : `${organization}/${project}/${name}`;
}
