/** What every bucket of this project gets unless its owner says otherwise. */
export const SECURE_BUCKET_DEFAULTS = {
  /** SSE with KMS when a key is given, else SSE-S3; "none" exists only to prove the policy pack catches it. */
  encryption: "auto" as "auto" | "none",
  versioning: true,
  blockPublicAccess: true,
  tlsOnly: true,
  objectOwnership: "BucketOwnerEnforced" as "BucketOwnerEnforced" | "BucketOwnerPreferred" | "ObjectWriter",
  /** Days before current objects move to Standard-IA; 0 = never. */
  transitionToIaDays: 0,
  /** Days before current objects expire; 0 = never. */
  expirationDays: 0,
  /** Days before noncurrent versions expire (keeps versioning from growing forever); 0 = never. */
  noncurrentVersionExpirationDays: 30,
  /** Days before incomplete multipart uploads are aborted. */
  abortIncompleteUploadDays: 7,
  forceDestroy: false,
  /** protect + retainOnDelete on the bucket: a refactor or `destroy` cannot delete its objects. */
  protect: true,
};
