/**
 * Consumer credentials of the bundled auth plugins. basic-auth stores the password as Kong does:
 * the hex SHA-1 of the password followed by the consumer id.
 */
import { createHash } from 'node:crypto';
import type { EntityHooks } from './hooks.ts';

export function hashPassword(password: string, consumerId: string): string {
  return createHash('sha1').update(password + consumerId).digest('hex');
}

export const basicAuthHooks: EntityHooks = {
  beforeWrite({ body }, row) {
    const consumer = row.consumer as { id?: string } | null;
    if (typeof body.password === 'string' && consumer?.id) row.password = hashPassword(body.password, consumer.id);
    return null;
  },
};
