/**
 * The Care Opinion connector when its key is refused: Care Opinion redirects to its sign-in page
 * (not a 401), and the operator must be told. Its own file: one local system per Jest worker process.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { loadOrgConfig } from '../../infra/org-config';
import { PATHS } from '../../local/paths';
import { readSecretsFile } from '../../local/secrets-manager';
import type { LocalSystem } from '../../local/start';
import { FakeCareOpinionApi } from './fake-care-opinion';
import { startTestSystem, tempDir } from './support';

const org = loadOrgConfig(PATHS.orgConfig);
const KEY = 'integration-subscription-key';

describe('Care Opinion connector with a refused or missing key', () => {
  const dir = tempDir('care-opinion-refused');
  const api = new FakeCareOpinionApi(KEY);
  let system: LocalSystem;
  const secretsFile = join(dir.path, 'secrets.json');

  beforeAll(async () => {
    await api.start();
    process.env.CARE_OPINION_API_URL = `${api.url}/api/v2`;
    const secrets = readSecretsFile(PATHS.secretsExample).secrets;
    secrets[org.secrets.careopinion] = { subscriptionKey: 'revoked-key', enabled: true };
    writeFileSync(secretsFile, JSON.stringify({ secrets }));
    system = await startTestSystem(dir.path);
  }, 30_000);

  afterAll(async () => {
    await system?.stop();
    await api.stop();
    delete process.env.CARE_OPINION_API_URL;
    dir.remove();
  });

  it('tells the operator (ConnectorHealthChanged) when Care Opinion redirects to its sign-in page', async () => {
    api.publish(3, new Date(Date.now() - 3_600_000).toISOString());
    await expect(system.invokeScheduled('pull-care-opinion')).resolves.toMatchObject({ status: 'credentials_rejected', published: 0 });
    await system.bus.idle();
    expect(system.bus.archived().map((event) => event['detail-type'])).toEqual(['ConnectorHealthChanged']);
    expect(system.bus.archived()[0]).toMatchObject({ detail: { data: { platform: 'careopinion', status: 'credentials_rejected' } } });
  });
});
