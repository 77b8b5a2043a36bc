// The dependency rules of .dependency-cruiser.cjs, checked under `npm test`: each rule catches its
// fixture under test/fixtures/layering/, and the real tree breaks none of them.
import { cruise, type ICruiseOptions, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/layering/', import.meta.url));

async function cruiseTree(baseDir: string, folders: string[]): Promise<ICruiseResult> {
  const options: ICruiseOptions = await extractDepcruiseOptions(`${ROOT}.dependency-cruiser.cjs`);
  const tsConfig = `${baseDir}tsconfig.json`;
  const cruiseOptions = { ...options, baseDir, tsConfig: { fileName: tsConfig } };
  const result = await cruise(folders, cruiseOptions, {}, { tsConfig: extractTSConfig(tsConfig) });
  return result.output as ICruiseResult;
}

const violationsOf = (result: ICruiseResult) =>
  result.summary.violations.filter((v) => v.rule.severity !== 'ignore').map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

describe('layering', () => {
  let fixtures: string[];

  beforeAll(async () => {
    fixtures = violationsOf(await cruiseTree(FIXTURES, ['apps', 'libs']));
  });

  it.each([
    // A cycle is reported once, at its first arrow.
    ['no-circular', 'libs/domain/src/loop-a.ts → libs/domain/src/loop-b.ts'],
    ['domain-is-pure', 'libs/domain/src/uses-event-store.ts → libs/event-store/src/index.ts'],
    ['domain-is-pure', 'libs/domain/src/uses-node-io.ts → fs'],
    ['libs-not-to-apps', 'libs/application/src/uses-app.ts → apps/api/src/api.module.ts'],
    ['application-not-to-projector', 'libs/application/src/uses-projector.ts → libs/projector/src/index.ts'],
    ['platform-is-ground-floor', 'libs/platform/src/uses-projector.ts → libs/projector/src/index.ts'],
    ['production-not-to-test-helpers', 'libs/read-models/src/uses-testing.ts → libs/testing/src/index.ts'],
    ['production-not-to-test-helpers', 'libs/read-models/src/uses-fixtures.ts → libs/read-models/src/shared/scenario.fixtures.ts'],
  ])('%s catches %s', (rule, arrow) => {
    expect(fixtures).toContain(`${rule}: ${arrow}`);
  });

  it('domain-is-pure catches a framework import', () => {
    const typeorm = fixtures.filter((v) => v.startsWith('domain-is-pure: libs/domain/src/uses-typeorm.ts → '));
    expect(typeorm).toEqual([expect.stringContaining('node_modules/typeorm/')]);
  });

  it('reports nothing else: the domain may import itself, and test helpers may import test helpers', () => {
    expect(fixtures).toHaveLength(9);
    expect(fixtures.filter((v) => v.includes('decider.ts') || v.includes('harness.testing.ts'))).toEqual([]);
  });

  it('finds no violation in the repository', async () => {
    const result = await cruiseTree(ROOT, ['apps', 'libs', 'test', 'bench']);
    expect(violationsOf(result)).toEqual([]);
    // The cruise saw the tree (aliases resolved), not an empty or unresolved one.
    expect(result.summary.totalCruised).toBeGreaterThan(300);
  });
});
