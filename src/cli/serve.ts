import { serve } from '../server/serve.ts';
import { configFrom, parse } from './common.ts';

export async function run(args: string[]): Promise<number | null> {
  const { values } = parse(args, { port: { type: 'string' } });
  await serve(configFrom(values));
  return null; // keeps running until a signal
}
