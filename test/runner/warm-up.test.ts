import { expect, it } from 'vitest';
import { warmUpPipeline } from '../../src/runner/warm-up.js';

it('the warm-up really runs the pipeline: a create and an update, each succeeding', async () => {
  expect(await warmUpPipeline()).toEqual(['create', 'update']);
});
