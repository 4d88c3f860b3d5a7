import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../support/server-process';

/**
 * No Docker engine runs on these machines: the image's and compose files' promises are read here,
 * and what they run (scripts/serve.sh, as a non-root user, on an embedded DATA_DIR) is tested for real
 * in tests/db/embedded-postgres.test.ts.
 */
describe('the Docker image and the compose files', () => {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const runStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('runs as a non-root user, with DATA_DIR a volume', () => {
    const users = [...runStage.matchAll(/^USER\s+(\S+)/gm)].map((match) => match[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(runStage).toMatch(/^ENV .*\bDATA_DIR=\/data\b/m);
    expect(runStage).toMatch(/^VOLUME \/data$/m);
    expect(runStage).toMatch(/^CMD \["sh", "scripts\/serve\.sh"\]$/m);
  });

  it('the embedded compose file runs one pitchside with no DATABASE_URL, its data in a named volume', () => {
    const compose = parse(readFileSync(path.join(ROOT, 'deploy/docker-compose.embedded.yml'), 'utf8')) as {
      services: Record<string, { environment?: Record<string, string>; volumes?: string[] }>;
      volumes: Record<string, unknown>;
    };
    const services = Object.values(compose.services);
    expect(services).toHaveLength(1);
    const [pitchside] = services;
    expect(Object.keys(pitchside.environment ?? {})).not.toContain('DATABASE_URL');
    const volume = pitchside.volumes?.find((mount) => mount.endsWith(':/data'));
    expect(volume).toBeDefined();
    expect(Object.keys(compose.volumes)).toContain(volume!.split(':')[0]);
  });
});
