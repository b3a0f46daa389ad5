// Scripting client management with @latchkey/sdk and a personal access token.
//
//   LATCHKEY_URL=https://auth.example.com LATCHKEY_TOKEN=lk_pat_... npx tsx manage-clients.ts
//
// The token needs the clients:read and clients:write scopes and belongs to an administrator.
import { createLatchkeyClient, isApiError, isLatchkeyError, paginate } from '@latchkey/sdk';

const { LATCHKEY_URL, LATCHKEY_TOKEN } = process.env;
if (!LATCHKEY_URL || !LATCHKEY_TOKEN) {
  console.error('Set LATCHKEY_URL and LATCHKEY_TOKEN');
  process.exit(2);
}

const latchkey = createLatchkeyClient({ baseUrl: LATCHKEY_URL, token: LATCHKEY_TOKEN });

try {
  // 1. Register a confidential client for a nightly job. The secret is returned only now:
  //    hand it to your secret store, never to a log.
  const job = await latchkey.clients.create({
    client_name: 'Nightly export',
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: 'clients:read',
  });
  console.log(`created ${job.client_id} (secret …${job.client_secret_hint})`);

  // 2. Walk every page of a filtered list; paginate() follows next_cursor for you.
  let machineClients = 0;
  for await (const client of paginate(latchkey.clients.list, {
    grant_type: 'client_credentials',
    limit: 50,
  })) {
    machineClients += 1;
    console.log(`- ${client.client_id}  ${client.client_name}`);
  }
  console.log(`${machineClients} client(s) use client_credentials`);

  // 3. Shorten its access tokens, then rotate the secret, keeping the old one for an hour.
  const updated = await latchkey.clients.update(job.client_id, { access_token_lifetime: 900 });
  console.log(`access tokens of ${updated.client_id} now live ${updated.access_token_lifetime}s`);
  const rotated = await latchkey.clients.rotateSecret(job.client_id, {
    grace_period_seconds: 3600,
  });
  console.log(`rotated secret; the old one works until ${rotated.previous_secret_expires_at}`);

  // 4. Errors are typed: a validation failure says which fields are wrong.
  try {
    await latchkey.clients.create({
      client_name: 'Broken',
      grant_types: ['authorization_code'],
      redirect_uris: ['not a url'],
    });
  } catch (error) {
    if (!isApiError(error) || error.status !== 400) throw error;
    for (const field of error.fieldErrors)
      console.log(`rejected: ${field.pointer} ${field.detail}`);
  }

  // 5. Clean up: deleting a client revokes every token issued under it.
  await latchkey.clients.delete(job.client_id);
  console.log(`deleted ${job.client_id}`);
} catch (error) {
  // One line, with the stable error code, instead of a stack trace.
  console.error(isLatchkeyError(error) ? `${error.code}: ${error.message}` : error);
  process.exit(1);
}
