/** The managed-login configuration operations: user pool domains and resource servers. */
import type { Json11Handler } from '../../server/context.ts';
import { createResourceServer } from './create-resource-server.ts';
import { createUserPoolDomain } from './create-user-pool-domain.ts';
import { deleteResourceServer } from './delete-resource-server.ts';
import { deleteUserPoolDomain } from './delete-user-pool-domain.ts';
import { describeResourceServer } from './describe-resource-server.ts';
import { describeUserPoolDomain } from './describe-user-pool-domain.ts';
import { listResourceServers } from './list-resource-servers.ts';
import { updateResourceServer } from './update-resource-server.ts';
import { updateUserPoolDomain } from './update-user-pool-domain.ts';

export const oauthOperations: Record<string, Json11Handler> = {
  CreateUserPoolDomain: createUserPoolDomain,
  DescribeUserPoolDomain: describeUserPoolDomain,
  UpdateUserPoolDomain: updateUserPoolDomain,
  DeleteUserPoolDomain: deleteUserPoolDomain,
  CreateResourceServer: createResourceServer,
  DescribeResourceServer: describeResourceServer,
  UpdateResourceServer: updateResourceServer,
  DeleteResourceServer: deleteResourceServer,
  ListResourceServers: listResourceServers,
};
