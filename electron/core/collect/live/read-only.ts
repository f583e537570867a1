import type { InitializeHandler, InitializeMiddleware, MetadataBearer, Pluggable } from '@smithy/types';

/**
 * Read-only by construction: every client Canvass scans with carries this middleware at the
 * first step of its stack, so a command outside the allowlist fails before it is signed,
 * serialized or sent. The list names each command; there is no pattern that a new write
 * operation could slip through.
 */
export const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set([
  // STS
  'GetCallerIdentityCommand',
  // S3 Control (account-level Block Public Access)
  'GetPublicAccessBlockCommand',
  // S3
  'ListBucketsCommand',
  'GetBucketLocationCommand',
  'GetBucketPolicyCommand',
  'GetBucketPolicyStatusCommand',
  'GetBucketAclCommand',
  'GetBucketOwnershipControlsCommand',
  'GetBucketEncryptionCommand',
  'GetBucketVersioningCommand',
  'GetBucketLoggingCommand',
  'GetBucketWebsiteCommand',
  'GetBucketCorsCommand',
  'GetObjectLockConfigurationCommand',
  'GetBucketLifecycleConfigurationCommand',
  'GetBucketReplicationCommand',
  'GetBucketNotificationConfigurationCommand',
  'GetBucketTaggingCommand',
  'ListObjectsV2Command',
  'GetObjectAclCommand',
  'GetObjectCommand',
]);

/** A command the scanning client refused to send. */
export class ReadOnlyViolation extends Error {
  constructor(command: string, why: string) {
    super(`Canvass is read-only: ${command} was refused before it was sent (${why})`);
    this.name = 'ReadOnlyViolation';
  }
}

const refuseWrites: InitializeMiddleware<object, MetadataBearer> =
  (next: InitializeHandler<object, MetadataBearer>, context) => async (args) => {
    const command = context.commandName ?? 'an unnamed command';
    if (!READ_ONLY_COMMANDS.has(command) || !/^(Get|List|Head)[A-Za-z0-9]*Command$/.test(command)) {
      throw new ReadOnlyViolation(command, 'not in the allowlist of Get, List and Head operations');
    }
    // Objects are sampled, never downloaded whole: a GetObject must ask for a byte range.
    if (command === 'GetObjectCommand' && typeof (args.input as { Range?: unknown }).Range !== 'string') {
      throw new ReadOnlyViolation(command, 'an object read without a byte range');
    }
    return next(args);
  };

/** The plugin every scanning client is built with (see clients.ts). */
export const readOnlyGuard: Pluggable<object, MetadataBearer> = {
  applyToStack(stack) {
    stack.add(refuseWrites, { step: 'initialize', priority: 'high', name: 'canvassReadOnlyGuard', override: true });
  },
};
