import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function credence(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/credence-dev.js', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('credence id check', () => {
  it('prints the scheme, normal form and decoded parts of a valid USCC and exits 0', () => {
    const sut = credence('id', 'check', '91110000600037341L');
    expect(sut.stderr).toBe('');
    expect(sut.status).toBe(0);
    expect(sut.stdout).toMatch(/scheme\s+uscc/);
    expect(sut.stdout).toMatch(/value\s+91110000600037341L/);
    expect(sut.stdout).toContain('enterprise');
    expect(sut.stdout).toContain('110000 北京市');
  });

  it('exits 1 and names USCC_CHECKSUM for a wrong check character', () => {
    const sut = credence('id', 'check', '91110000600037341N');
    expect(sut.status).toBe(1);
    expect(sut.stderr).toContain('error USCC_CHECKSUM');
  });

  it('prints birth date, sex and region of a resident ID as JSON', () => {
    const sut = credence('id', 'check', '44011320141005001x', '--json');
    expect(sut.status).toBe(0);
    expect(JSON.parse(sut.stdout)).toMatchObject({
      scheme: 'ric',
      value: '44011320141005001X',
      birthDate: '2014-10-05',
      sex: 'male',
      region: '440113',
    });
  });
});
