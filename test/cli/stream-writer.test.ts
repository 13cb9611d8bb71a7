import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { streamWriter } from '../../src/cli/main.js';

it('stops writing once the reader has gone (EPIPE) instead of crashing, so the run can finish', () => {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  const written: string[] = [];
  stream.on('data', (chunk: Buffer) => written.push(chunk.toString()));
  const write = streamWriter(stream);
  write('first');
  stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  write('second');
  expect(written).toEqual(['first\n']);
});

it('other stream errors still surface', () => {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  streamWriter(stream);
  expect(() => stream.emit('error', Object.assign(new Error('boom'), { code: 'EIO' }))).toThrow('boom');
});
