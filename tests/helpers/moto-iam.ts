import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { MOTO_ROOT_KEYS } from './moto';

/**
 * IAM identities on a moto server started with INITIAL_NO_AUTH_ACTION_COUNT = ADMIN_SETUP_REQUESTS:
 * its first three requests (unchecked) make an administrator, and every later request is
 * checked against the IAM policies of the user whose keys signed it.
 */
export const ADMIN_SETUP_REQUESTS = 3;

export type Keys = { accessKeyId: string; secretAccessKey: string };

async function user(endpoint: string, signer: Keys, name: string, policy: object): Promise<Keys> {
  const iam = new IAMClient({ endpoint, region: 'us-east-1', credentials: signer });
  try {
    await iam.send(new CreateUserCommand({ UserName: name }));
    await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: `${name}-policy`, PolicyDocument: JSON.stringify(policy) }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  } finally {
    iam.destroy();
  }
}

/** The administrator: exactly ADMIN_SETUP_REQUESTS requests, the last ones before IAM is enforced. */
export const makeAdmin = (endpoint: string) =>
  user(endpoint, MOTO_ROOT_KEYS, 'county-admin', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

/** A user allowed everything but the actions denied. */
export const makeUserDenied = (endpoint: string, admin: Keys, name: string, denied: string[]) =>
  user(endpoint, admin, name, {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: denied, Resource: '*' },
    ],
  });
